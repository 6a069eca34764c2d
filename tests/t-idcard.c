/* t-idcard: unit tests of GB 11643 checks and masking. */
#include "date.h"
#include "idcard.h"
#include "tap.h"

int
main(void)
{
	char buf[64];
	int mar2 = date_from_ymd(2026, 3, 2);

	ok(idcard_check("150202196807311007") == NULL, "a valid ID");
	ok(idcard_check("15020319590207817X") == NULL, "a valid ID with X");
	ok(idcard_check("15020319590207817x") == NULL, "lower-case x accepted");
	is_str(idcard_check("150202196807311008"), "ID number check digit is wrong", "wrong check digit");
	is_str(idcard_check("15020219680731100"), "ID number is not 18 characters", "17 characters");
	is_str(idcard_check("1502021968073110X7"), "ID number has a non-digit", "X in the middle");
	is_str(idcard_check("150202196813311007"), "ID number has an impossible birth date", "month 13");
	is_str(idcard_check("150202198002301230"), "ID number has an impossible birth date", "February 30");
	is_str(idcard_check("150202199902291239"), "ID number has an impossible birth date", "February 29 of 1999");
	ok(idcard_check("150202200002291239") == NULL, "February 29 of 2000");
	is_str(idcard_check_on("150202202603031239", mar2),
	       "ID number's birth date is after the received date", "born the day after it was received");
	ok(idcard_check_on("150202202603021233", mar2) == NULL, "born the day it was received");
	ok(idcard_check_on("150202196807311007", mar2) == NULL, "born before 1970");
	is_str(idcard_check_on("150202203001011235", mar2),
	       "ID number's birth date is after the received date", "born in 2030");
	is_str(idcard_check_on("150202198002301230", mar2),
	       "ID number has an impossible birth date", "an impossible date before a future one");
	is_str(mask_id("15020219680731100", buf, sizeof(buf)), "150************00",
	       "a malformed ID keeps only 3 and 2");
	is_str(mask_shown("fax", buf, sizeof(buf)), "fax", "a value without a long number is shown");
	is_str(mask_shown("2026-13-01", buf, sizeof(buf)), "2026-13-01", "a date is shown");
	is_str(mask_shown("13912341234", buf, sizeof(buf)), "139****1234", "a phone in any column is masked");
	is_str(mask_shown("tel 1391234", buf, sizeof(buf)), "tel****1234", "7 digits in a row are masked");
	is_str(mask_shown("138-1234-1234", buf, sizeof(buf)), "138******1234",
	       "a phone written with dashes is masked");
	is_str(mask_shown("138 1234 1234", buf, sizeof(buf)), "138******1234",
	       "a phone written with spaces is masked");
	is_str(mask_shown("+86 138 1234 1234", buf, sizeof(buf)), "+86**********1234",
	       "a phone with its country code is masked");
	is_str(mask_shown("(0472) 512-3456", buf, sizeof(buf)), "(04********3456",
	       "a landline with its area code in brackets is masked");
	is_str(mask_shown("\xef\xbc\x94\xef\xbc\x93\xef\xbc\x90\xef\xbc\x95\xef\xbc\x92\xef\xbc\x92"
			  "\xef\xbc\x91\xef\xbc\x99\xef\xbc\x97", buf, sizeof(buf)),
	       "\xef\xbc\x94\xef\xbc\x93\xef\xbc\x90**\xef\xbc\x92\xef\xbc\x91\xef\xbc\x99\xef\xbc\x97",
	       "full-width digits are masked");
	is_str(mask_shown("\xef\xbc\x91\xef\xbc\x93\xef\xbc\x98-1234-1234", buf, sizeof(buf)),
	       "\xef\xbc\x91\xef\xbc\x93\xef\xbc\x98******1234",
	       "full-width and ASCII digits count together");
	is_str(mask_shown("2026-1-5", buf, sizeof(buf)), "2026-1-5", "a short date is shown");
	is_str(mask_shown("2026-01-05 25:00", buf, sizeof(buf)), "2026-01-05 25:00",
	       "a date and time is shown");
	is_str(mask_shown("2025-000001", buf, sizeof(buf)), "2025-000001", "a case id is shown");
	is_str(mask_shown("12 fields", buf, sizeof(buf)), "12 fields", "a short number is shown");
	is_str(mask_shown("1-2-3-4-5-6", buf, sizeof(buf)), "1-2-3-4-5-6", "6 digits across dashes are shown");
	is_str(mask_text("case 2025-000001: bad date '138-1234-1234' in column date", buf, sizeof(buf)),
	       "case 2025-000001: bad date '138******1234' in column date",
	       "mask_text masks the number in a message, not the case id");
	is_str(mask_text("x 430522197001013888 and 13812341234", buf, sizeof(buf)),
	       "x 430***********3888 and 138****1234", "mask_text masks every number in a message");
	is_str(mask_text("bad date '2026-13-01'", buf, sizeof(buf)), "bad date '2026-13-01'",
	       "mask_text shows a date");
	is_str(mask_id("430522197001013888", buf, sizeof(buf)), "430522********3888", "ID mask as in SPEC");
	is_str(mask_phone("13812341234", buf, sizeof(buf)), "138****1234", "phone mask as in SPEC");
	is_str(mask_phone("0472-5123456", buf, sizeof(buf)), "047*****3456", "landline keeps 3 and 4");
	is_str(mask_phone("12345", buf, sizeof(buf)), "***45", "a short number keeps only 2");
	is_str(mask_phone("1234", buf, sizeof(buf)), "****", "a very short number keeps nothing");
	return tap_done();
}
