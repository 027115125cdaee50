using System.Text.RegularExpressions;

namespace Coding.Core.Privacy;

/// <summary>
/// The pattern detectors of <see cref="SafeHarborDeidentifier"/>, one per Safe Harbor kind and written form. Each
/// either matches the identifier itself or names it as group "n"; horizontal white space only ([ \t]) inside a match,
/// so nothing runs across lines.
/// </summary>
internal static partial class PhiPatterns
{
    /// <summary>
    /// Strong: the context alone makes it an identifier (a title, a relationship word), whitelist or not. Needs: a
    /// character every match holds, so the detector is skipped on notes without it (e-mail, URLs: most notes).
    /// </summary>
    /// Gate: a cheap test the note must pass for the detector to run (a URL needs a domain ending or "://"), for speed.
    public sealed record Detector(Regex Regex, PhiKind Kind, bool Strong = false, string? Needs = null, Func<string, bool>? Gate = null);

    private static readonly string[] UrlMarks = ["://", "www.", ".com", ".org", ".net", ".edu", ".gov", ".io", ".us", ".health", ".info", ".biz"];

    /// <summary>Anything a URL matches holds one of <see cref="UrlMarks"/> (the pattern is case-insensitive, so is this).</summary>
    private static bool MayHoldUrl(string text)
    {
        foreach (var mark in UrlMarks)
            if (text.Contains(mark, StringComparison.OrdinalIgnoreCase))
                return true;
        return false;
    }

    /// <summary>An IPv4 address has a digit, a dot and a digit; an IPv6 one two colons in a row or a hex digit before one.</summary>
    private static bool MayHoldIp(string text) => IpMark().IsMatch(text);

    [GeneratedRegex(@"\d\.\d|::|[0-9A-Fa-f]:[0-9A-Fa-f]")]
    private static partial Regex IpMark();

    private const RegexOptions I = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled;
    private const RegexOptions C = RegexOptions.CultureInvariant | RegexOptions.Compiled;

    public const string Month =
        @"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)";
    private const string FullMonth =
        @"(?:January|February|March|April|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)";
    private const string Time = @"(?:[ T,@]+(?:at[ \t]+)?\d{1,2}:\d{2}(?::\d{2})?(?:[ \t]?[AaPp]\.?[Mm]\.?)?(?:Z|[+\-]\d{2}:?\d{2})?)?";
    private const string Ord = @"(?:st|nd|rd|th)?";

    /// <summary>A name token: capitalised, with apostrophes, hyphens and prefixes (O'Neil, McDonald, Smith-Jones).</summary>
    public const string NameTok = @"(?:[A-Z][a-z]?['’])?[A-Z][A-Za-z\u00C0-\u017F]*(?:['’\-][A-Za-z\u00C0-\u017F]+)*";
    private const string Initial = @"[A-Z]\.?(?!['’])";
    private const string Particle = @"(?:van|von|der|den|de|del|della|di|da|la|le|du|dos|das|St\.|bin|ibn|al|el|y)";
    /// <summary>Up to four name tokens, initials and particles: "James T. Whitfield", "Ana de la Cruz", "BELL, WILHELMINA G".</summary>
    public const string NameSeq =
        $@"(?:{NameTok}[ \t]*,[ \t]*{NameTok}(?:[ \t]+{Initial}(?![A-Za-z]))?|{NameTok}(?:[ \t]+(?:{Particle}[ \t]+)*(?:{Initial}(?![A-Za-z])|{NameTok})){{0,3}})";

    private const string States =
        "AL|AK|AZ|AR|CA|CO|CT|DE|DC|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|" +
        "TN|TX|UT|VT|VA|WA|WV|WI|WY|PR|Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|Florida|Georgia|" +
        "Hawaii|Idaho|Illinois|Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|Maryland|Massachusetts|Michigan|Minnesota|Mississippi|" +
        "Missouri|Montana|Nebraska|Nevada|New Hampshire|New Jersey|New Mexico|New York|North Carolina|North Dakota|Ohio|Oklahoma|" +
        "Oregon|Pennsylvania|Rhode Island|South Carolina|South Dakota|Tennessee|Texas|Utah|Vermont|Virginia|Washington|" +
        "West Virginia|Wisconsin|Wyoming|Puerto Rico";

    private const string StreetSuffix =
        "Street|St|Avenue|Ave|Av|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Way|Place|Pl|Terrace|Ter|Circle|Cir|Parkway|Pkwy|" +
        "Highway|Hwy|Trail|Trl|Pike|Square|Sq|Loop|Row|Alley|Path|Crossing|Xing|Run|Ridge|Hollow|Bend|Point|Pt|Plaza|Turnpike|Tpke|Cove|Cv|Walk|Pass|Creek";

    private const string Relations =
        "daughter|son|wife|husband|spouse|partner|mother|mom|father|dad|sister|brother|sibling|niece|nephew|grandson|granddaughter|" +
        "grandmother|grandfather|grandma|grandpa|aunt|uncle|cousin|fianc[eé]e?|boyfriend|girlfriend|friend|neighbou?r|roommate|" +
        "care[ \\-]?giver|guardian|step(?:son|daughter|mother|father)|(?:daughter|son|mother|father|sister|brother)-in-law|child|" +
        "grandchild|companion|landlord|pastor|co-?worker|boss|caller|HCPOA|POA|proxy|surrogate|interpreter|aide";

    private const string NameLabels =
        "Patient(?:[ \\t]+name)?|Pt(?:[ \\t]+name)?|Name|Resident|Attending(?:[ \\t]+physician)?|Physician|Provider|Surgeon|" +
        "Anesthesiologist|Assistant|Nurse|PCP|Primary[ \\t]+care(?:[ \\t]+(?:physician|provider))?|Referring(?:[ \\t]+(?:physician|provider|MD))?|" +
        "Referred[ \\t]+by|Seen[ \\t]+by|(?:Electronically[ \\t]+|E-)?[Ss]igned(?:[ \\t]+by)?|Dictated[ \\t]+by|Transcribed[ \\t]+by|Author|" +
        "Authored[ \\t]+by|Co-?signed[ \\t]+by|Verified[ \\t]+by|Reviewed[ \\t]+by|Scribe(?:d[ \\t]+by)?|Case[ \\t]+manager|" +
        "Social[ \\t]+worker|Chaplain|Contact|Emergency[ \\t]+contact|Next[ \\t]+of[ \\t]+kin|NOK|Called[ \\t]+by|Spoke[ \\t]+(?:with|to)|" +
        "Discussed[ \\t]+with|[Pp]er|Informant|Historian|Accompanied[ \\t]+by|Witness(?:ed[ \\t]+by)?|Pharmacist|Therapist|Midwife|" +
        "Technician|Tech|Fellow|Intern|Hospitalist|Consultant|Covering|Admitted[ \\t]+by|Ordered[ \\t]+by|Requested[ \\t]+by|" +
        "Performed[ \\t]+by|Read[ \\t]+by|Interpreted[ \\t]+by|Notified|Paged|Texted|Messaged|Called|Told|Asked|Informed|Updated";

    private const string IdLabels =
        @"MRN|MR#|MR[ \t]+No|Medical[ \t]+record(?:[ \t]+(?:number|no))?|Med[ \t]+rec(?:ord)?|Chart|Acct|Account|FIN|Financial|" +
        @"Encounter|Enc|Visit(?:[ \t]+ID)?|CSN|HAR|Admission|Registration|Reg|Member|Subscriber|Policy|Group|Insurance|Ins|" +
        @"Medicare(?:[ \t]+MBI)?|Medicaid|MBI|HICN|Beneficiary|ID|I\.D\.|Identifier|DL|D/L|Driver'?s?[ \t]+licen[cs]e|Licen[cs]e|Lic|" +
        @"Plate|Tag|VIN|Serial|S/N|SN|Device|UDI|Implant|Lot|DEA|NPI|Certificate|Cert|Badge|Employee|Claim|Case|Accession|Specimen|" +
        @"Requisition|Req|Ref|Reference|Confirmation|Tracking|Passport|Voucher|Card|Record|Episode|Job|Report|Ticket|Study|Subject|" +
        @"Participant|Donor|UNOS|Tax|TIN|EIN|SSN|SS#|Social[ \t]+Security(?:[ \t]+(?:number|no))?|Soc[ \t]+Sec|Order|Prescription|Rx|" +
        @"Health[ \t]+plan|Contract|Authori[sz]ation|Auth|Pre-?cert|Control|Docket|Warrant|Permit|Registry|Blue[ \t]+Cross[ \t]+Blue[ \t]+Shield|" +
        @"UnitedHealthcare|Humana(?:[ \t]+Gold[ \t]+Plus)?|Aetna|Cigna|Wellmark|Anthem|Kaiser";

    public static readonly Detector[] All =
    [
        // Contact and network identifiers.
        new(new(@"[\w.%+\-]+@[\w.\-]+\.[A-Za-z]{2,}\b", C), PhiKind.Email, Needs: "@"),
        new(new(@"(?:\*{3}|[Xx]{3})-(?:\*{2}|[Xx]{2})-\d{4}\b", C), PhiKind.Ssn),
        new(new(@"\b(?:https?://|ftp://|www\.)[^\s,;)""'<>]+|\b[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.(?:com|org|net|edu|gov|io|us|health|info|biz)(?:/[^\s,;)""'<>]*)?\b", I), PhiKind.Url, Needs: ".", Gate: MayHoldUrl),
        new(new(@"\b(?:\d{1,3}\.){3}\d{1,3}\b|\b(?:[0-9A-Fa-f]{1,4}:){7}[0-9A-Fa-f]{1,4}\b|\b(?:[0-9A-Fa-f]{1,4}:){1,7}:(?:[0-9A-Fa-f]{1,4}:?){0,6}\b(?=[\s,;.]|$)", C), PhiKind.IpAddress, Gate: MayHoldIp),
        new(new(@"\b\d{3}[ \t\-.]?\d{2}[ \t\-.]?\d{4}\b", C), PhiKind.Ssn),
        new(new(@"(?:\+?1[ \t.\-]?)?(?:\(\d{3}\)[ \t]*|\b\d{3}[ \t.\-]?)\d{3}[ \t.\-]?\d{4}\b(?:[ \t]*(?:x|ext\.?|extension)[ \t]*\d{1,6})?", I), PhiKind.Phone),
        new(new(@"\b\d{3}[\-.]\d{4}\b(?![\-./]\d)", C), PhiKind.Phone),
        new(new(@"\b(?:pager|beeper|ext\.?|extension|x)[ \t]*[:#.]?[ \t]*\d{3,6}\b(?![.\d])", I), PhiKind.Phone),

        // Labelled identifiers: any label, then a value holding digits; groups split by spaces or hyphens stay one value.
        new(new($@"\b(?i:{IdLabels})(?:[ \t]*(?i:number|no\.?|num|ID|I\.D\.|code|#))*[ \t]*[:#=]?[ \t]*(?:of[ \t]+)?#?[ \t]*(?<n>(?=[A-Za-z0-9\-/]*\d)[A-Za-z0-9][A-Za-z0-9\-/.]*[A-Za-z0-9](?:[ \t\-](?=[A-Za-z]*\d)[A-Za-z0-9]+)*)", C), PhiKind.Identifier),
        new(new(@"\b(?:DL|D/L)#?[ \t]*:?[ \t]*[A-Z0-9][A-Z0-9\-]{4,}", C), PhiKind.Identifier),
        new(new(@"\b(?:(?i:License|Lic)\.?[ \t]*(?:#|No\.?)?[ \t]*:?[ \t]*)?(?<n>[A-Z]{2,4}[ \t]\d{4,6})\b(?=[\s,.;)]|$)", C), PhiKind.Identifier),
        new(new(@"(?<=\b(?i:tag|plate|plates|license[ \t]+plate)[ \t]*[:#]?[ \t]*)[A-Z0-9]{2,4}[ \t\-]?[A-Z0-9]{2,5}\b", C), PhiKind.Identifier),
        new(new(@"#[ \t]*(?<n>[A-Z0-9]*\d[A-Z0-9\-]{3,})", C), PhiKind.Identifier),

        // Biometric identifiers and full-face photographs (164.514(b)(2)(i)(P), (Q)): the print, scan or photo and its id.
        new(new(@"\b(?i:(?:finger|thumb|palm|hand|voice|retina(?:l)?|iris|vein|face|facial)[ \t\-]?(?:prints?|scans?|templates?|patterns?|geometry|recognition(?:[ \t]+(?:image|template|scan))?|signatures?)|full[ \t\-]face[ \t]+(?:photo(?:graph)?s?|images?|pictures?)|facial[ \t]+(?:photo(?:graph)?s?|images?)|photo(?:graph)?s?[ \t]+of[ \t]+(?:the[ \t]+)?(?:patient['’]s[ \t]+|pt['’]s[ \t]+|his[ \t]+|her[ \t]+)?face)(?:[ \t]+(?i:ID|id|template|hash|record|no\.?|number|code|ref))?(?:[ \t]*(?:[:#]|on[ \t]+file)?[ \t]*(?:[A-Za-z0-9][A-Za-z0-9\-_./]*\d[A-Za-z0-9\-_./]*))?", C), PhiKind.Biometric),
        new(new(@"\b(?i:biometric)[ \t]+(?i:id|identifier|template|hash|record|data|no\.?|number|scan|signature)?[ \t]*[:#]?[ \t]*(?<n>[A-Za-z0-9][A-Za-z0-9\-_./]*\d[A-Za-z0-9\-_./]*)?", C), PhiKind.Biometric),

        // A holiday is a date (164.514(b)(2)(i)(C)): "over Thanksgiving", "on Christmas Eve 2024", "since July 4th".
        new(new(@"\b(?:on|over|at|since|before|after|around|by|until|till|for|during|through|last|this|next|from|of)[ \t]+(?:the[ \t]+)?(?<n>(?:Christmas(?:[ \t]+(?:Eve|Day))?|Thanksgiving(?:[ \t]+Day)?|Easter(?:[ \t]+Sunday)?|New[ \t]+Year['’]?s(?:[ \t]+(?:Eve|Day))?|Independence[ \t]+Day|Fourth[ \t]+of[ \t]+July|Halloween|Memorial[ \t]+Day|Labor[ \t]+Day|Veterans['’]?[ \t]+Day|Valentine['’]?s[ \t]+Day|Mother['’]?s[ \t]+Day|Father['’]?s[ \t]+Day|Martin[ \t]+Luther[ \t]+King[ \t]+(?:Jr\.?[ \t]+)?Day|Presidents['’]?[ \t]+Day|Hanukkah|Passover|Yom[ \t]+Kippur|Rosh[ \t]+Hashanah|Ramadan|Eid(?:[ \t]+al-[A-Z][a-z]+)?|Diwali|Lunar[ \t]+New[ \t]+Year)(?:[ \t]*,?[ \t]*(?:\d{4}|'\d{2}))?)\b", C), PhiKind.Date),

        // Dates: numeric with any separator, ISO with a time, compact, month names in every order, partial dates.
        new(new($@"\b\d{{1,2}}[/.\-]\d{{1,2}}[/.\-](?:\d{{4}}|\d{{2}})(?!\d){Time}", C), PhiKind.Date),
        new(new($@"\b(?:19|20)\d{{2}}[/\-.](?:0?[1-9]|1[0-2])[/\-.](?:0?[1-9]|[12]\d|3[01])(?!\d){Time}", C), PhiKind.Date),
        new(new(@"\b(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\b|\b(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])(?:19|20)\d{2}\b", C), PhiKind.Date),
        new(new($@"\b(?:(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?\.?,?[ \t]+)?{Month}\.?[ \t\-]*\d{{1,2}}{Ord}\b(?:,?[ \t\-]*(?:\d{{4}}|'\d{{2}})\b)?{Time}", I), PhiKind.Date),
        new(new($@"\b\d{{1,2}}{Ord}[ \t\-/.]*(?:of[ \t]+)?{Month}\b\.?(?:[ \t\-/.,]*(?:\d{{4}}|'?\d{{2}})\b)?{Time}", I), PhiKind.Date),
        new(new($@"\b{Month}\.?,?[ \t\-/]*(?:of[ \t]+)?(?:\d{{4}}|'\d{{2}})\b", I), PhiKind.Date),
        new(new($@"\b(?:in|since|during|early|late|mid|until|till|last|this|next|by|of|from|through|before|after|around|circa|throughout|beginning|end)[ \t\-]+(?:of[ \t]+)?(?<n>{FullMonth}\.?)(?![A-Za-z])", C), PhiKind.Date),
        new(new(@"\b(?:on|since|by|until|till|before|after|from|through|of|the)[ \t]+(?:the[ \t]+)?(?<n>\d{1,2}(?:st|nd|rd|th))\b(?![ \t]+(?:grade|percentile|degree|rib|ribs|toe|finger|digit|cranial|nerve|intercostal|ICS|day|week|month|year|trimester|time|times|dose|cycle|line|generation|floor|decade|metatarsal|metacarpal|vertebra|lumbar|cervical|thoracic|sacral|space|ventricle|heart|order|attempt|episode|admission|visit|pregnancy|child|birthday|of[ \t]+(?:the[ \t]+)?\w+[ \t]+(?:rib|toe|finger)))", I), PhiKind.Date),
        new(new(@"(?<=(?:\b(?:on|since|from|to|until|till|through|thru|by|dated|date|DOS|DOB|DOI|seen|here|up|MD|DO|RN|NP|signed|filled|refilled|drawn|collected|done|performed|checked|rechecked|faxed|sent|received|given|started|restarted|increased|decreased|held|resumed|noted|scheduled|due|returned|appt|appointment|f/u|admitted|discharged|visit|stopped|began|last|next|between|and|of|until|@)[: \t]+|^[ \t]*|\((?:last[ \t]+)?))(?:0?[1-9]|1[0-2])/(?:0?[1-9]|[12]\d|3[01])\b(?![/\d])(?![ \t]*(?:strength|murmur|tablets?|tabs?|ratio|of|mm|scale|pain|tender|pulses?|reflex))", I | RegexOptions.Multiline), PhiKind.Date),
        new(new(@"\b(?:0?[1-9]|1[0-2])/(?:0?[1-9]|[12]\d|3[01])\b(?![/\d])(?=[ \t]*(?:@|at[ \t]+\d|\d{1,2}:\d{2}|:[ \t]))", I), PhiKind.Date),

        // Ages over 89, in digits or words, every way clinicians write them.
        new(new(@"\b(?:9\d|1[0-3]\d)[ \t]*-?[ \t]*(?:years?|yrs?|yo|y\.[ \t]?o\.?|y/o|yr?s?\.?|-?year-old|-?yr-old|-?y\.o)(?:[ \t\-]*old)?(?:[ \t]+of[ \t]+age)?(?:[ \t\-]*(?:[MFmf]\b|male|female|man|woman))?(?![A-Za-z])|\b(?:9\d|1[0-3]\d)[ \t]?(?:yo[mf]|YO[MF]|y/o[mf]|[MF])\b", C), PhiKind.Age),
        new(new(@"\b(?i:age[ds]?|aged)[ \t]*(?:of[ \t]+)?[:=]?[ \t]*(?<n>(?:9\d|1[0-3]\d))\b(?![.,]\d)", C), PhiKind.Age),
        new(new(@"\b(?:(?:aged?|is)[ \t]+)?(?:ninety|one[ \t\-]hundred(?:[ \t]+and)?)(?:[ \t\-]+(?:one|two|three|four|five|six|seven|eight|nine|ten))?(?:[ \t\-]+(?:years?|yrs?)(?:[ \t\-]+old)?|[ \t\-]+year[ \t\-]old)\b|\b(?:age|aged|is|was|turned|turns|turning)[ \t]+(?:ninety|one[ \t\-]hundred)(?:[ \t\-]+(?:and[ \t]+)?(?:one|two|three|four|five|six|seven|eight|nine))?\b", I), PhiKind.Age),
        // A person said to be or turn an age ("She turned 93", "He is 101"), an ordinal birthday, "Age/Sex: 92/F", "92/F".
        new(new(@"\b(?i:he|she|they|patient|pt|who|resident)[ \t]+(?i:is|was|turned|turns|will[ \t]+be|just[ \t]+turned)[ \t]+(?<n>9\d|1[0-3]\d)\b(?![ \t]*(?:%|°|degrees|percent|mg|kg|lbs?|pounds|bpm|mmHg|beats|/\d|[.,]\d))", C), PhiKind.Age),
        new(new(@"\b(?:9\d|1[0-3]\d)(?:st|nd|rd|th)[ \t]+(?i:birthday)\b|\b(?i:age)[ \t]*/[ \t]*(?i:sex|gender)[ \t]*:?[ \t]*(?<n>9\d|1[0-3]\d)\b|\b(?:9\d|1[0-3]\d)[ \t]*/[ \t]*(?:F|M|female|male)\b", C), PhiKind.Age),
        new(new(@"\b(?:in[ \t]+(?:his|her|their|the)[ \t]+)(?:early|mid|late)?[ \t\-]*(?:90s|90's|nineties|hundreds)\b|\b(?:nonagenarian|centenarian|supercentenarian)s?\b", I), PhiKind.Age),

        // Addresses: streets (a direction initial allowed), PO boxes, rural routes, "City, ST 12345", counties, ZIP.
        new(new($@"\b\d{{1,6}}[A-Za-z]?[ \t]+(?:(?:[NSEW]|NE|NW|SE|SW|North|South|East|West)\.?[ \t]+)?(?:[A-Z0-9][A-Za-z0-9'.\-]*[ \t]+){{0,3}}(?:{StreetSuffix})\b\.?(?:[ \t]+(?:[NSEW]|NE|NW|SE|SW)\b\.?)?(?:,?[ \t]*(?:Apt|Apartment|Unit|Suite|Ste|#|Bldg|Building|Fl|Floor|Lot|Trailer|Rm|Room)\.?[ \t]*#?[ \t]*[A-Za-z0-9\-]+)?", C), PhiKind.Address),
        new(new($@"\b(?:(?:[NSEW]|NE|NW|SE|SW)\.?[ \t]+)?(?:\d{{1,3}}(?:st|nd|rd|th)|{NameTok})[ \t]+(?:Street|St|Avenue|Ave|Boulevard|Blvd|Road|Rd|Lane|Ln|Drive|Court|Ct|Way|Pl|Place|Pkwy|Parkway|Hwy|Highway|Terrace|Circle|Trail)\b\.?(?![ \t]*[A-Z][a-z])", C), PhiKind.Address),
        new(new(@"\b(?:County[ \t]+Road|CR|State[ \t]+Route|SR|Route|Rte|Highway|Hwy|Farm[ \t]+Road|FM)[ \t]+\d{1,4}\b", C), PhiKind.Address),
        new(new(@"\b(?:P\.?[ \t]?O\.?[ \t]*Box|Post[ \t]+Office[ \t]+Box|POB|Box)[ \t]*#?[ \t]*\d+\b|\b(?:RR|R\.R\.|Rural[ \t]+Route|HC|Star[ \t]+Route)[ \t]*#?[ \t]*\d+(?:,?[ \t]*Box[ \t]*\d+)?\b", I), PhiKind.Address),
        new(new($@"\b(?:(?:St\.|Saint|Fort|Ft\.|Mount|Mt\.|New|North|South|East|West|Port|Lake|San|Santa|Los|Las|El|La)[ \t]+)?{NameTok}(?:[ \t]+{NameTok}){{0,2}},[ \t]*(?:{States})\b(?:[ \t]+\d{{5}}(?:-\d{{4}})?)?", C), PhiKind.Location),
        new(new($@"\b(?:{States})[ \t]+(?<n>\d{{5}}(?:-\d{{4}})?)\b", C), PhiKind.Location),
        new(new(@"\b(?i:ZIP|zip[ \t]*code|postal[ \t]*code)[ \t]*[:#]?[ \t]*(?<n>\d{5}(?:-\d{4})?)\b|\b\d{5}-\d{4}\b", C), PhiKind.Location),
        new(new($@"\b(?:{NameTok}[ \t]+){{1,2}}(?:County|Parish|Township|Borough)\b", C), PhiKind.Location, Strong: true),
        new(new($@"(?:\b(?:{StreetSuffix})\.?|#[ \t]*\w+|(?:Apt|Unit|Suite|Ste)\.?[ \t]*\w+),[ \t]*(?<n>{NameTok}(?:[ \t]+{NameTok}){{0,2}})", C), PhiKind.Location, Strong: true),
        new(new($@"(?<=[a-z,][ \t]+)(?:in|near|outside(?:[ \t]+of)?)[ \t]+(?<n>{NameTok}(?:[ \t]+{NameTok}){{0,2}})(?![ \t]+[A-Z])", C), PhiKind.Location),
        new(new($@"\b(?i:lives|living|lived|resides|residing|resident|moved|relocated|born|raised|grew[ \t]+up|native|visiting|vacation(?:ing|ed)?|travel(?:l?ed|l?ing)|trip|drove|home|stays|staying|house)[ \t]+(?:(?:alone|here|there|with[ \t]+\w+|by[ \t]+\w+)[ \t]+)?(?i:in|to|at|from|near|of|outside(?:[ \t]+of)?)[ \t]+(?:the[ \t]+)?(?<n>(?:(?:St\.|Saint|Fort|Ft\.|Mount|Mt\.|New|North|South|East|West|Port|Lake|San|Santa|Los|Las|El|La)[ \t]+)?{NameTok}(?:[ \t]+{NameTok}){{0,2}})", C), PhiKind.Location),
        new(new($@"\b(?:in|from|to|near|of|outside)[ \t]+(?<n>(?:(?:St\.|Saint|Fort|Ft\.|Mount|Mt\.|New|North|South|East|West|Port|Lake|San|Santa|Los|Las|El|La)[ \t]+)?{NameTok}(?:[ \t]+{NameTok}){{0,2}})(?=[ \t]*,[ \t]*(?:{States})\b)", C), PhiKind.Location),

        // Facilities and employers: capitalised runs ending in a facility or company word, or after a cue.
        new(new($@"\b(?<n>(?:(?:St\.?|Saint|Mt\.?|Mount)[ \t]+)?[A-Z][A-Za-z'’.\-&]*(?:[ \t]+(?:(?:of|the|and|&|for)[ \t]+)?[A-Z][A-Za-z'’.\-&]*){{0,4}}[ \t]+(?:{PhiWords.FacilityHeads})\b(?:[ \t]+(?:of|at|in)[ \t]+{NameTok}(?:[ \t]+{NameTok})?)?)", C), PhiKind.Facility),
        new(new($@"\b(?:St\.?|Saint|Mt\.?|Mount)[ \t]+{NameTok}(?:['’]s)?(?:[ \t]+{NameTok}){{0,3}}", C), PhiKind.Facility),
        new(new($@"\b(?:[A-Z][A-Za-z'’.\-&]*[ \t]+(?:(?:&|and|of)[ \t]+)?){{1,4}}(?:{PhiWords.CompanyHeads})\b\.?", C), PhiKind.Employer),
        new(new($@"\b(?i:work(?:s|ed|ing)?|employ(?:ed|ee|er|ment)?|retired|laid[ \t]+off|layoff|job|shifts?|nights|days|volunteer(?:s|ed|ing)?|contractor|driver|driving)\b[^.;\n]{{0,40}}?\b(?i:at|for|from|with|by)[ \t]+(?<n>(?:the[ \t]+)?(?:[A-Z][A-Za-z0-9'’.\-&]*)(?:[ \t]+(?:&[ \t]+|and[ \t]+|of[ \t]+)?[A-Z][A-Za-z0-9'’.\-&]*){{0,4}}(?:[ \t]+(?:warehouse|plant|factory|store|distribution|center|facility|office|mill|depot|yard|site|headquarters|campus|branch|location|restaurant))?)", C), PhiKind.Employer),
        new(new($@"\b(?i:employer|employed|occupation|works)[ \t]*:[ \t]*(?<n>[A-Z][^\n,;]{{1,60}})", C), PhiKind.Employer),

        // Names: after a title, a label, a relationship word, before a credential, and the all-caps "LAST, FIRST" form.
        // "16 Fr Foley" is a French-gauge catheter, not Father Foley.
        new(new($@"(?<!\d[ \t]?)\b(?<n>(?:Dr|Doctor|Mr|Mrs|Ms|Miss|Mx|Prof|Professor|Rev|Fr|Sr|Nurse)\.?[ \t]+(?:{Particle}[ \t]+)*{NameSeq})", C), PhiKind.Name, Strong: true),
        new(new($@"\b(?<n>(?:RN|NP|PA|LPN|CNA|MA|RT|PT|OT|SW|CM|Chaplain|Tech|Pastor|Father|Rabbi|Imam)[ \t]+{NameSeq})", C), PhiKind.Name, Strong: true),
        new(new($@"\b(?i:spoke[ \t]+(?:with|to)|discussed[ \t]+with|per|told|asked|called|paged|notified|informed|updated|texted|messaged|with|by|from|to|and|cc)[ \t]+(?<n>(?=[A-Z][a-z]){NameTok}(?:[ \t]+{NameTok})?)(?=[ \t]*(?:\(|,|\.|;|$|[ \t]+(?:at|from|of|on|who|re|regarding|about|called|said|states|reports|is|was|will|RN|NP|MD)\b))", C | RegexOptions.Multiline), PhiKind.Name, Strong: false),
        // A label and its name stand apart ("PTH" is not the label "Pt" and the name "H").
        new(new($@"\b(?i:{NameLabels})(?:[ \t]*(?::|-|–)[ \t]*|[ \t]+)(?<n>{NameSeq})", C), PhiKind.Name),
        // "Child-Pugh" and "Child's B8" are a score and a class, not a child named Pugh or B: a hyphen only with spaces, and a
        // whole word ("mother DM2" is no mother named D).
        new(new($@"\b(?i:{Relations})(?:['’]s)?(?:[ \t]*\([^)\n]{{0,30}}\))?(?:[ \t]*[,:][ \t]*|[ \t]+[\-–][ \t]+|[ \t]*[–][ \t]*|[ \t]+)(?:(?:named|is|was|called|,|name[ \t]+is|name:)[ \t]+)?(?<n>{NameSeq})(?![\w])", C), PhiKind.Name, Strong: true),
        new(new($@"\b(?i:name[ \t]+is|named|goes[ \t]+by|prefers|calls[ \t]+(?:him|her|them)self)[ \t]+[""“]?(?<n>{NameSeq})", C), PhiKind.Name, Strong: true),
        new(new($@"(?<n>{NameSeq})(?=[ \t]*[,(][ \t]*(?:(?:his|her|their|the[ \t]+patient['’]s|pt['’]s|patient['’]s)[ \t]+)?(?i:{Relations})\b)", C), PhiKind.Name, Strong: true),
        new(new($@"(?<n>{NameSeq}),?[ \t]+(?:{PhiWords.Credentials})(?![A-Za-z])", C), PhiKind.Name, Strong: true),
        new(new($@"(?<n>{NameSeq}),?[ \t]+(?:{PhiWords.WeakCredentials})(?![A-Za-z])", C), PhiKind.Name),
        new(new($@"^[ \t]*(?:--+|—|/s/)[ \t]*(?<n>{NameSeq})", C | RegexOptions.Multiline), PhiKind.Name, Strong: true),
// An initial and a surname ("O. Reyes"); not a unit ending a sentence ("mmol/L. The"), a dotted abbreviation ("T.A.C")
        // or a genus ("E. Coli"): the surname has lower case and must look like a name (Accept).
        new(new($@"(?<![/\d.])\b(?<n>[A-Z]\.[ \t]*(?:[A-Z]\.[ \t]*)?(?!(?:Diff|Difficile|Coli|Aureus|Pylori|Pneumoniae|Faecalis|Auris|Albicans)\b)(?:{Particle}[ \t]+)*(?=[A-Z][a-z]){NameTok})", C), PhiKind.Name),
        // A user name in lower case; "Accompanied by: daughter" names a relation, not a login.
        new(new($@"\b(?i:scribe|user(?:name)?|login|user[ \t]?id|by)[ \t]*:[ \t]*(?!(?:{Relations}|self|patient|pt|family|staff)\b)(?<n>[a-z][a-z0-9._\-]{{2,}})\b", C), PhiKind.Name, Strong: true),
        new(new(@"\b(?<n>(?:[A-Z][A-Z'’\-]+[ \t])*[A-Z][A-Z'’\-]+[ \t]*,[ \t]*[A-Z][A-Z'’\-]+(?:[ \t]+[A-Z]\.?)?)(?![A-Za-z])", C), PhiKind.Name),
    ];

    [GeneratedRegex(@"(?<![\w])(?>(?:[A-Z][a-z]?['’])?[A-Za-z\u00C0-\u017F]+(?:['’\-][A-Za-z\u00C0-\u017F]+)*)(?![\d])")]
    public static partial Regex Word();

    [GeneratedRegex(@"(?<![\w.\-/])(?=[A-Za-z0-9\-/]*\d)[A-Za-z0-9]+(?:[\-/][A-Za-z0-9]+)*(?![\w])")]
    public static partial Regex AlnumToken();

    [GeneratedRegex(@"^\d+(?:\.\d+)?(?:mg|mcg|g|kg|ml|mL|L|l|cm|mm|m|in|ft|lb|lbs|oz|h|hr|hrs|d|wk|wks|mo|y|yr|yrs|min|s|sec|u|IU|mEq|mmol|cc|x)$", RegexOptions.IgnoreCase)]
    public static partial Regex NumberWithUnit();
}
