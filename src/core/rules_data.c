/*
 * Tables for the value rules. Data, not logic: when the numbering plan or
 * the postcode areas change, this file changes and nothing else.
 *
 * Postcode areas. Source: Royal Mail, "Postcode Address File (PAF) Code of
 * Practice" and the ONS Postcode Directory user guide (ONSPD, annex "Postcode
 * areas"): the 121 areas of the United Kingdom and the three of the Crown
 * dependencies (GY Guernsey, JE Jersey, IM Isle of Man). Added: BF (British
 * Forces, "BF1" postcodes given to BFPO addresses since 2012) and BX
 * (Royal Mail's non-geographic postcodes, e.g. BX9 1AS).
 *
 * The UK telephone numbering plan. Source: Ofcom, "The National Telephone
 * Numbering Plan" (2024), Part A (number lengths and formats by range,
 * including the geographic areas with five-digit local numbers ("4+5") and
 * the six-digit area codes of the "5+5" and "5+4" exchanges in Cumbria and
 * Dumfriesshire), with Ofcom's "Telephone numbers - code status" data
 * (which codes are in use), as compiled in Google's libphonenumber metadata
 * for GB (PhoneNumberMetadata.xml, v8.13), which was used to check the
 * ranges below. The national format's grouping follows the plan's
 * presentation (02x xxxx xxxx; 01xx1 / 011x xxx xxxx; 01xxx xxxxxx;
 * 01xxxx xxxxx; 0xxx xxx xxxx; 07xxx xxxxxx; 0800 xxx xxx).
 */
#include "core/rules_data.h"

#include <string.h>

/* Postcode areas, sorted. */
static const char *const postcode_areas[] = {
  "AB", "AL", "B",  "BA", "BB", "BD", "BF", "BH", "BL", "BN", "BR", "BS", "BT", "BX", "CA", "CB",
  "CF", "CH", "CM", "CO", "CR", "CT", "CV", "CW", "DA", "DD", "DE", "DG", "DH", "DL", "DN", "DT",
  "DY", "E",  "EC", "EH", "EN", "EX", "FK", "FY", "G",  "GL", "GU", "GY", "HA", "HD", "HG", "HP",
  "HR", "HS", "HU", "HX", "IG", "IM", "IP", "IV", "JE", "KA", "KT", "KW", "KY", "L",  "LA", "LD",
  "LE", "LL", "LN", "LS", "LU", "M",  "ME", "MK", "ML", "N",  "NE", "NG", "NN", "NP", "NR", "NW",
  "OL", "OX", "PA", "PE", "PH", "PL", "PO", "PR", "RG", "RH", "RM", "S",  "SA", "SE", "SG", "SK",
  "SL", "SM", "SN", "SO", "SP", "SR", "SS", "ST", "SW", "SY", "TA", "TD", "TF", "TN", "TQ", "TR",
  "TS", "TW", "UB", "W",  "WA", "WC", "WD", "WF", "WN", "WR", "WS", "WV", "YO", "ZE",
};

bool rules_postcode_area_exists(const char *area, size_t len)
{
  size_t lo = 0, hi = sizeof postcode_areas / sizeof postcode_areas[0];
  char key[3] = {0};
  if (len < 1 || len > 2)
    return false;
  memcpy(key, area, len);
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    int c = strcmp(key, postcode_areas[mid]);
    if (c == 0)
      return true;
    if (c < 0)
      hi = mid;
    else
      lo = mid + 1;
  }
  return false;
}

#define GEO PHONE_MSG_GEOGRAPHIC
#define NONGEO PHONE_MSG_NON_GEOGRAPHIC
#define FREE PHONE_MSG_FREEPHONE

/* The ranges in use. Where several patterns match a number, the longest
 * one that allows the number's length decides its format. */
static const phone_range_t plan[] = {
  /* 02: 2-digit area code, 8-digit local number; the local number's first
   * digit is limited per area. */
  {"20[013478]", 10, 10, "3,4,4", GEO},
  {"23[0189]", 10, 10, "3,4,4", GEO},
  {"24[017]", 10, 10, "3,4,4", GEO},
  {"28[0-46-9]", 10, 10, "3,4,4", GEO},
  {"29[0-2]", 10, 10, "3,4,4", GEO},
  /* 011x and 01x1: 3-digit area code, 7-digit local number. */
  {"113[0-58]", 10, 10, "4,3,4", GEO},
  {"11373[0-35]", 10, 10, "4,3,4", GEO},
  {"114[0-5]", 10, 10, "4,3,4", GEO},
  {"11470", 10, 10, "4,3,4", GEO},
  {"11469[7-9]", 10, 10, "4,3,4", GEO},
  {"115[0-26-9]", 10, 10, "4,3,4", GEO},
  {"116[0-4]", 10, 10, "4,3,4", GEO},
  {"11650", 10, 10, "4,3,4", GEO},
  {"11[78][0-49]", 10, 10, "4,3,4", GEO},
  {"121[0-7]", 10, 10, "4,3,4", GEO},
  {"1218[0-3]", 10, 10, "4,3,4", GEO},
  {"131[0-8]", 10, 10, "4,3,4", GEO},
  {"1[4569]1", 10, 10, "4,3,4", GEO},
  /* 01xxx: 4-digit area codes in use, 6-digit local numbers. */
  {"120[024-9]", 10, 10, "5,6", GEO},
  {"122[3-9]", 10, 10, "5,6", GEO},
  {"123[3-79]", 10, 10, "5,6", GEO},
  {"124[1-689]", 10, 10, "5,6", GEO},
  {"12[58][02-9]", 10, 10, "5,6", GEO},
  {"126[0-47-9]", 10, 10, "5,6", GEO},
  {"127[013-9]", 10, 10, "5,6", GEO},
  {"129", 10, 10, "5,6", GEO},
  {"130", 10, 10, "5,6", GEO},
  {"13[25][02-9]", 10, 10, "5,6", GEO},
  {"133[02-579]", 10, 10, "5,6", GEO},
  {"13[468][0-46-9]", 10, 10, "5,6", GEO},
  {"137[1-35-79]", 10, 10, "5,6", GEO},
  {"139[2-578]", 10, 10, "5,6", GEO},
  {"140[03-9]", 10, 10, "5,6", GEO},
  {"14[37]", 10, 10, "5,6", GEO},
  {"14[28][02-57-9]", 10, 10, "5,6", GEO},
  {"144[02-69]", 10, 10, "5,6", GEO},
  {"145[0-8]", 10, 10, "5,6", GEO},
  {"14[69][0-79]", 10, 10, "5,6", GEO},
  {"150[1-35-9]", 10, 10, "5,6", GEO},
  {"156", 10, 10, "5,6", GEO},
  {"152[024-9]", 10, 10, "5,6", GEO},
  {"153[015689]", 10, 10, "5,6", GEO},
  {"154[02-9]", 10, 10, "5,6", GEO},
  {"155[03-9]", 10, 10, "5,6", GEO},
  {"157[0-35-9]", 10, 10, "5,6", GEO},
  {"158[0-468]", 10, 10, "5,6", GEO},
  {"159[0-57-9]", 10, 10, "5,6", GEO},
  {"160[034689]", 10, 10, "5,6", GEO},
  {"162[0-35689]", 10, 10, "5,6", GEO},
  {"16[38][013-9]", 10, 10, "5,6", GEO},
  {"164[1-467]", 10, 10, "5,6", GEO},
  {"165[0-69]", 10, 10, "5,6", GEO},
  {"166[13-9]", 10, 10, "5,6", GEO},
  {"167[0-8]", 10, 10, "5,6", GEO},
  {"169[0-24578]", 10, 10, "5,6", GEO},
  {"170[0246-9]", 10, 10, "5,6", GEO},
  {"172", 10, 10, "5,6", GEO},
  {"173[0236-8]", 10, 10, "5,6", GEO},
  {"174[03-9]", 10, 10, "5,6", GEO},
  {"175[0-46-9]", 10, 10, "5,6", GEO},
  {"176[013-9]", 10, 10, "5,6", GEO},
  {"177[0-35-9]", 10, 10, "5,6", GEO},
  {"178[024-9]", 10, 10, "5,6", GEO},
  {"179[02-9]", 10, 10, "5,6", GEO},
  {"180[35-9]", 10, 10, "5,6", GEO},
  {"182[1-57-9]", 10, 10, "5,6", GEO},
  {"183[02-578]", 10, 10, "5,6", GEO},
  {"184[0-578]", 10, 10, "5,6", GEO},
  {"185[124-9]", 10, 10, "5,6", GEO},
  {"186[2-69]", 10, 10, "5,6", GEO},
  {"187", 10, 10, "5,6", GEO},
  {"188[02-9]", 10, 10, "5,6", GEO},
  {"189[02569]", 10, 10, "5,6", GEO},
  {"190[02-589]", 10, 10, "5,6", GEO},
  {"198", 10, 10, "5,6", GEO},
  {"192[02-689]", 10, 10, "5,6", GEO},
  {"193[1-57-9]", 10, 10, "5,6", GEO},
  {"194[2-9]", 10, 10, "5,6", GEO},
  {"195[0-579]", 10, 10, "5,6", GEO},
  {"196[2-47-9]", 10, 10, "5,6", GEO},
  {"197[0-24578]", 10, 10, "5,6", GEO},
  {"199[2-57]", 10, 10, "5,6", GEO},
  /* Ofcom's numbers for drama and fiction, 01632 960000-960999 (the other
   * drama ranges, such as 029 2018 0000-0999, lie inside real areas). */
  {"1632960", 10, 10, "5,6", GEO},
  /* "4+5": parts of these 4-digit areas also have 5-digit local numbers. */
  {"12046[1-4]", 9, 10, "5,*", GEO},
  {"12087[2-9]", 9, 10, "5,*", GEO},
  {"12545[1-79]", 9, 10, "5,*", GEO},
  {"127[6]2", 9, 10, "5,*", GEO},
  {"12763[1-8]", 9, 10, "5,*", GEO},
  {"12766[1-6]", 9, 10, "5,*", GEO},
  {"12972[0-4]", 9, 10, "5,*", GEO},
  {"12973[2-5]", 9, 10, "5,*", GEO},
  {"12982[2-8]", 9, 10, "5,*", GEO},
  {"12987[0-47-9]", 9, 10, "5,*", GEO},
  {"12988[3-5]", 9, 10, "5,*", GEO},
  {"13638[2-5]", 9, 10, "5,*", GEO},
  {"13647[23]", 9, 10, "5,*", GEO},
  {"13847[04-9]", 9, 10, "5,*", GEO},
  {"13864[0157-9]", 9, 10, "5,*", GEO},
  {"14044[1-7]", 9, 10, "5,*", GEO},
  {"14202[23]", 9, 10, "5,*", GEO},
  {"14208", 9, 10, "5,*", GEO},
  {"146030", 9, 10, "5,*", GEO},
  {"14605[2-57]", 9, 10, "5,*", GEO},
  {"14606[1-8]", 9, 10, "5,*", GEO},
  {"14607[2-8]", 9, 10, "5,*", GEO},
  {"146140", 9, 10, "5,*", GEO},
  {"148052", 9, 10, "5,*", GEO},
  {"14887[1-3]", 9, 10, "5,*", GEO},
  {"15243[2-79]", 9, 10, "5,*", GEO},
  {"15246", 9, 10, "5,*", GEO},
  {"15276", 9, 10, "5,*", GEO},
  {"15626[06-9]", 9, 10, "5,*", GEO},
  {"156686", 9, 10, "5,*", GEO},
  {"16064", 9, 10, "5,*", GEO},
  {"16067[4-79]", 9, 10, "5,*", GEO},
  {"16295[5-7]", 9, 10, "5,*", GEO},
  {"1635[34]", 9, 10, "5,*", GEO},
  {"164724", 9, 10, "5,*", GEO},
  {"164761", 9, 10, "5,*", GEO},
  {"16595[08]", 9, 10, "5,*", GEO},
  {"16596[67]", 9, 10, "5,*", GEO},
  {"165974", 9, 10, "5,*", GEO},
  {"16955[0-4]", 9, 10, "5,*", GEO},
  {"17266[13-9]", 9, 10, "5,*", GEO},
  {"17267[0-7]", 9, 10, "5,*", GEO},
  {"17442", 9, 10, "5,*", GEO},
  {"17688", 9, 10, "5,*", GEO},
  {"17502[0-3]", 9, 10, "5,*", GEO},
  {"1750[3-68]2", 9, 10, "5,*", GEO},
  {"175076", 9, 10, "5,*", GEO},
  {"18275", 9, 10, "5,*", GEO},
  {"18276", 9, 10, "5,*", GEO},
  {"18375[2-5]", 9, 10, "5,*", GEO},
  {"18378[239]", 9, 10, "5,*", GEO},
  {"18843[2-58]", 9, 10, "5,*", GEO},
  {"19006[1-8]", 9, 10, "5,*", GEO},
  {"190085", 9, 10, "5,*", GEO},
  {"19052", 9, 10, "5,*", GEO},
  {"193583", 9, 10, "5,*", GEO},
  {"19466[1-8]", 9, 10, "5,*", GEO},
  {"19492[01]", 9, 10, "5,*", GEO},
  {"194981", 9, 10, "5,*", GEO},
  {"196323", 9, 10, "5,*", GEO},
  {"19633[1-4]", 9, 10, "5,*", GEO},
  {"199561", 9, 10, "5,*", GEO},
  /* "5+5": six-digit area codes (with the 0) inside a 4-digit area, e.g.
   * 013873 Langholm inside 01387 Dumfries; 016977 Brampton also has
   * "5+4" numbers (016977 2xxx, 3xxx). */
  {"13873", 10, 10, "6,5", GEO},
  {"15242", 10, 10, "6,5", GEO},
  {"1539[4-6]", 10, 10, "6,5", GEO},
  {"1697[347]", 10, 10, "6,5", GEO},
  {"1768[347]", 10, 10, "6,5", GEO},
  {"19467", 10, 10, "6,5", GEO},
  {"16977[23]", 9, 10, "6,*", GEO},
  /* 03: UK-wide numbers charged as geographic ones. */
  {"3[0347]", 10, 10, "4,3,4", NONGEO},
  /* 05: corporate numbering and VoIP (0500 closed in 2017). */
  {"5[56]", 10, 10, "3,4,4", NONGEO},
  /* 07: personal numbers, pagers, mobiles (and Isle of Man mobiles 07624). */
  {"70", 10, 10, "3,4,4", NONGEO},
  {"76", 10, 10, "3,4,4", NONGEO},
  {"7624", 10, 10, "5,6", NONGEO},
  {"7[1-57-9]", 10, 10, "5,6", NONGEO},
  /* 08: freephone 0800 (10, 9 and one 7-digit number, Childline's 0800
   * 1111) and 0808; special services 084 and 087. */
  {"800", 9, 9, "4,3,3", FREE},
  {"800", 10, 10, "4,3,4", FREE},
  {"8001111", 7, 7, "4,4", FREE},
  {"808", 10, 10, "4,3,4", NONGEO},
  {"84[2-5]", 10, 10, "4,3,4", NONGEO},
  {"87[0-3]", 10, 10, "4,3,4", NONGEO},
  /* 09: premium rate. */
  {"9[01]", 10, 10, "4,3,4", NONGEO},
  {"98[2-49]", 10, 10, "4,3,4", NONGEO},
};

const phone_range_t *rules_phone_plan(size_t *count)
{
  *count = sizeof plan / sizeof plan[0];
  return plan;
}

size_t rules_phone_pattern_digits(const char *pattern)
{
  size_t n = 0;
  for (const char *p = pattern; *p; p++) {
    if (*p == '[')
      p = strchr(p, ']');
    n++;
  }
  return n;
}

/* True when digit d is in the class starting after '[' at p (up to ']'). */
static bool in_class(const char *p, char d)
{
  for (; *p && *p != ']'; p++) {
    if (p[1] == '-' && p[2] && p[2] != ']') {
      if (d >= p[0] && d <= p[2])
        return true;
      p += 2;
    } else if (*p == d) {
      return true;
    }
  }
  return false;
}

size_t rules_phone_pattern_match(const char *pattern, const char *nsn)
{
  size_t n = 0;
  for (const char *p = pattern; *p; p++, n++) {
    char d = nsn[n];
    if (d < '0' || d > '9')
      return 0;
    if (*p == '[') {
      if (!in_class(p + 1, d))
        return 0;
      p = strchr(p, ']');
    } else if (*p != d) {
      return 0;
    }
  }
  return n;
}
