#!/bin/sh
# unit tests of lib/: see tests/t-calendar.c (reads $TESTDATA/calendar-cn.csv)
TESTDATA=${TESTDATA:-$(cd "$(dirname "$0")/../testdata" && pwd)}
export TESTDATA
exec "${PT_UNITS:-$(dirname "$0")/../build}/t-calendar"
