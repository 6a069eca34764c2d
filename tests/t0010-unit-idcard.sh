#!/bin/sh
# unit tests of lib/: see tests/t-idcard.c
exec "${PT_UNITS:-$(dirname "$0")/../build}/t-idcard"
