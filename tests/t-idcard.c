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
	is_str(mask_id("430522197001013888", buf, sizeof(buf)), "430522********3888", "ID mask as in SPEC");
	is_str(mask_phone("13812341234", buf, sizeof(buf)), "138****1234", "phone mask as in SPEC");
	is_str(mask_phone("0472-5123456", buf, sizeof(buf)), "047*****3456", "landline keeps 3 and 4");
	is_str(mask_phone("12345", buf, sizeof(buf)), "***45", "a short number keeps only 2");
	is_str(mask_phone("1234", buf, sizeof(buf)), "****", "a very short number keeps nothing");
	return tap_done();
}
