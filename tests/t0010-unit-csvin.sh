#!/bin/sh
# unit tests of lib/: see tests/t-csvin.c
exec "${PT_UNITS:-$(dirname "$0")/../build}/t-csvin"
