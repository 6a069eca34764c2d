/* t-idcard: unit tests of GB 11643 checks and masking. */
#include "idcard.h"
#include "tap.h"

int
main(void)
{
	char buf[64];

	ok(idcard_check("150202196807311007") == NULL, "a valid ID");
	ok(idcard_check("15020319590207817X") == NULL, "a valid ID with X");
	ok(idcard_check("15020319590207817x") == NULL, "lower-case x accepted");
	is_str(idcard_check("150202196807311008"), "ID number check digit is wrong", "wrong check digit");
	is_str(idcard_check("15020219680731100"), "ID number is not 18 characters", "17 characters");
	is_str(idcard_check("1502021968073110X7"), "ID number has a non-digit", "X in the middle");
	is_str(idcard_check("150202196813311007"), "ID number has an impossible birth date", "month 13");
	is_str(mask_id("430522197001013888", buf, sizeof(buf)), "430522********3888", "ID mask as in SPEC");
	is_str(mask_phone("13812341234", buf, sizeof(buf)), "138****1234", "phone mask as in SPEC");
	is_str(mask_phone("0472-5123456", buf, sizeof(buf)), "047*****3456", "landline keeps 3 and 4");
	is_str(mask_phone("12345", buf, sizeof(buf)), "***45", "a short number keeps only 2");
	is_str(mask_phone("1234", buf, sizeof(buf)), "****", "a very short number keeps nothing");
	return tap_done();
}
