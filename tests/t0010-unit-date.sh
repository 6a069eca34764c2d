#!/bin/sh
# unit tests of lib/: see tests/t-date.c
exec "${PT_UNITS:-$(dirname "$0")/../build}/t-date"
