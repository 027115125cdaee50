using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Coding.Core.Privacy;

/// <summary>
/// HIPAA Safe Harbor style de-identification for text sent to an endpoint not trusted with PHI. Pure and
/// deterministic: identifiers become typed placeholders ([NAME], [MRN], [PHONE] …); dates are shifted by one offset
/// per encounter so intervals between them (day 1 → day 3) survive for the model. Pattern- and list-based, so it
/// misses what it cannot recognise (a bare surname with no cue); its recall is measured on the synthetic set in
/// tests/Coding.UnitTests/Privacy and the floor is asserted there.
/// </summary>
public sealed partial class SafeHarborDeidentifier(int dateShiftDays)
{
    public int DateShiftDays { get; } = dateShiftDays;

    /// <summary>A stable shift of ±1..365 days for one encounter, so every call for it shifts dates alike.</summary>
    public static int DateShiftFor(Guid encounterId)
    {
        var h = SHA256.HashData(encounterId.ToByteArray());
        var days = (int)(BitConverter.ToUInt32(h, 0) % 365) + 1;
        return (h[4] & 1) == 0 ? days : -days;
    }

    public DeidentifiedText Deidentify(string text)
    {
        var found = new List<PhiSpan>();
        foreach (var (regex, kind, group) in Detectors)
        {
            foreach (Match m in regex.Matches(text))
            {
                var g = group is null ? m : m.Groups[group];
                if (g.Success && g.Length > 0)
                    found.Add(new PhiSpan(g.Index, g.Index + g.Length, kind));
            }
        }
        foreach (Match m in CapitalisedPair().Matches(text))
        {
            // Name-list heuristic: a known first name followed by a capitalised word is taken to be a person.
            if (FirstNames.Contains(m.Groups["first"].Value) && !NotSurnames.Contains(m.Groups["last"].Value))
                found.Add(new PhiSpan(m.Index, m.Index + m.Length, PhiKind.Name));
        }

        // Longest span wins where detectors overlap; then rebuild the text left to right.
        var chosen = new List<PhiSpan>();
        foreach (var span in found.OrderBy(s => s.Start).ThenByDescending(s => s.End - s.Start))
        {
            if (chosen.Count > 0 && span.Start < chosen[^1].End)
            {
                if (span.End > chosen[^1].End)
                    chosen[^1] = chosen[^1] with { End = span.End };
                continue;
            }
            chosen.Add(span);
        }
        var sb = new StringBuilder(text.Length);
        var at = 0;
        foreach (var span in chosen)
        {
            sb.Append(text, at, span.Start - at);
            sb.Append(span.Kind == PhiKind.Date ? ShiftDate(text[span.Start..span.End]) : $"[{Placeholder(span.Kind)}]");
            at = span.End;
        }
        sb.Append(text, at, text.Length - at);
        return new DeidentifiedText(sb.ToString(), chosen);
    }

    private static string Placeholder(PhiKind kind) => kind switch
    {
        PhiKind.Name => "NAME",
        PhiKind.Mrn => "MRN",
        PhiKind.Phone => "PHONE",
        PhiKind.Email => "EMAIL",
        PhiKind.Ssn => "SSN",
        PhiKind.Address => "ADDRESS",
        PhiKind.Url => "URL",
        PhiKind.IpAddress => "IP",
        PhiKind.Identifier => "ID",
        PhiKind.Age => "AGE 90+",
        _ => "PHI",
    };

    private static readonly string[] DateFormats =
    [
        // Two-digit forms first: "12/30/2025" must come back as "01/16/2026", not "1/16/2026".
        "MM/dd/yyyy", "M/d/yyyy", "MM/dd/yy", "M/d/yy", "yyyy-MM-dd", "MM-dd-yyyy", "M-d-yyyy",
        "MMMM d, yyyy", "MMMM d yyyy", "MMM d, yyyy", "MMM d yyyy", "MMM. d, yyyy", "d MMMM yyyy", "d MMM yyyy",
    ];

    /// <summary>Shifts a date and writes it back in its own format; a date it cannot parse becomes [DATE].</summary>
    private string ShiftDate(string original)
    {
        var cleaned = OrdinalSuffix().Replace(original, "$1");
        foreach (var format in DateFormats)
        {
            if (DateTime.TryParseExact(cleaned, format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
                return d.AddDays(DateShiftDays).ToString(format, CultureInfo.InvariantCulture);
        }
        return "[DATE]";
    }

    private const string Month = @"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)";
    private const string Cap = @"[A-Z][a-z'\-]+";

    // Identifier values must hold a digit, so "Policy renewed" or "Device serial" are not taken for numbers.
    private static readonly (Regex Regex, PhiKind Kind, string? Group)[] Detectors =
    [
        (new Regex(@"\b[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}\b"), PhiKind.Email, null),
        (new Regex(@"\b(?:https?://|www\.)[^\s,;]+"), PhiKind.Url, null),
        (new Regex(@"\b(?:\d{1,3}\.){3}\d{1,3}\b"), PhiKind.IpAddress, null),
        (new Regex(@"\b\d{3}-\d{2}-\d{4}\b"), PhiKind.Ssn, null),
        (new Regex(@"(?:\+?1[\s.\-]?)?(?:\(\d{3}\)\s?|\b\d{3}[\s.\-])\d{3}[\s.\-]\d{4}\b"), PhiKind.Phone, null),
        (new Regex(@"\b(?:MRN|MR#|Medical record(?: number)?|Med rec|Chart(?: number| #)?)\s*(?:#|no\.?|number)?\s*[:#]?\s*(?<id>(?=[A-Za-z\-]*\d)[A-Z0-9][A-Z0-9\-]{3,})", RegexOptions.IgnoreCase), PhiKind.Mrn, "id"),
        (new Regex(@"\b(?:Acct|Account|Member ID|Member|Policy|Insurance ID|Subscriber ID|Health plan(?: ID)?|License|Lic|DEA|NPI|Certificate|Device(?: ID)?|Serial(?: number)?|S/N|VIN|Plate)\s*(?:#|no\.?|number)?\s*[:#]?\s*(?<id>(?=[A-Za-z\-]*\d)[A-Z0-9][A-Z0-9\-]{4,})", RegexOptions.IgnoreCase), PhiKind.Identifier, "id"),
        (new Regex(@"\b\d{1,2}/\d{1,2}/(?:\d{4}|\d{2})\b|\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}-\d{1,2}-\d{4}\b"), PhiKind.Date, null),
        (new Regex($@"\b{Month}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}\b|\b\d{{1,2}}\s+{Month}\s+\d{{4}}\b"), PhiKind.Date, null),
        (new Regex(@"\b\d{1,6}\s+(?:[A-Z][a-z]+\s+){1,3}(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Way|Place|Pl|Terrace|Circle|Parkway|Pkwy)\b\.?(?:,?\s*(?:Apt|Unit|Suite|#)\s*[A-Za-z0-9\-]+)?"), PhiKind.Address, null),
        (new Regex($@"\b{Cap}(?:\s{Cap})*,\s*[A-Z]{{2}}\s+\d{{5}}(?:-\d{{4}})?\b"), PhiKind.Address, null),
        (new Regex(@"\b(?:9\d|1[01]\d)[\s\-](?:years?|yrs?|y/o|yo)(?:[\s\-]old)?\b", RegexOptions.IgnoreCase), PhiKind.Age, null),
        (new Regex($@"\b(?:Mr|Mrs|Ms|Miss|Dr|Doctor|Prof)\.?\s+(?<id>{Cap}(?:\s+[A-Z]\.)?(?:\s+{Cap})?)"), PhiKind.Name, "id"),
        (new Regex($@"\b(?:[Pp]atient(?: name)?|Pt|Name|NAME|[Ss]een by|[Aa]ttending|[Rr]eferred by|[Ss]igned by|[Cc]ontact|[Ee]mergency contact|PCP|[Ss]on|[Dd]aughter|[Ww]ife|[Hh]usband|[Mm]other|[Ff]ather|[Ss]ister|[Bb]rother|[Gg]uardian|[Cc]aregiver)\s*[:,]?\s+(?<id>{Cap}(?:\s+[A-Z]\.)?(?:\s+{Cap}){{1,2}}|{Cap},\s+{Cap})"), PhiKind.Name, "id"),
    ];

    [GeneratedRegex(@"\b(?<first>[A-Z][a-z]+)\s+(?<last>[A-Z][a-z'\-]+)\b")]
    private static partial Regex CapitalisedPair();

    [GeneratedRegex(@"(\d)(?:st|nd|rd|th)\b")]
    private static partial Regex OrdinalSuffix();

    private static readonly HashSet<string> FirstNames = new(StringComparer.Ordinal)
    {
        "James", "John", "Robert", "Michael", "William", "David", "Richard", "Joseph", "Thomas", "Charles", "Christopher",
        "Daniel", "Matthew", "Anthony", "Mark", "Donald", "Steven", "Paul", "Andrew", "Joshua", "Kenneth", "Kevin", "Brian",
        "George", "Timothy", "Ronald", "Edward", "Jason", "Jeffrey", "Ryan", "Jacob", "Gary", "Nicholas", "Eric", "Jonathan",
        "Stephen", "Larry", "Justin", "Scott", "Brandon", "Benjamin", "Samuel", "Gregory", "Frank", "Alexander", "Raymond",
        "Patrick", "Jack", "Dennis", "Jerry", "Tyler", "Aaron", "Jose", "Henry", "Adam", "Douglas", "Nathan", "Peter",
        "Zachary", "Kyle", "Walter", "Harold", "Carl", "Arthur", "Gerald", "Roger", "Juan", "Carlos", "Luis", "Miguel",
        "Mary", "Patricia", "Jennifer", "Linda", "Elizabeth", "Barbara", "Susan", "Jessica", "Sarah", "Karen", "Nancy",
        "Lisa", "Betty", "Margaret", "Sandra", "Ashley", "Kimberly", "Emily", "Donna", "Michelle", "Dorothy", "Carol",
        "Amanda", "Melissa", "Deborah", "Stephanie", "Rebecca", "Sharon", "Laura", "Cynthia", "Kathleen", "Amy", "Angela",
        "Shirley", "Anna", "Brenda", "Pamela", "Emma", "Nicole", "Helen", "Samantha", "Katherine", "Christine", "Debra",
        "Rachel", "Carolyn", "Janet", "Catherine", "Maria", "Heather", "Diane", "Ruth", "Julie", "Olivia", "Joyce",
        "Virginia", "Victoria", "Kelly", "Lauren", "Christina", "Joan", "Evelyn", "Judith", "Megan", "Cheryl", "Andrea",
        "Hannah", "Martha", "Jacqueline", "Frances", "Gloria", "Ann", "Teresa", "Kathryn", "Sara", "Janice", "Jean",
        "Alice", "Madison", "Doris", "Abigail", "Julia", "Judy", "Grace", "Denise", "Amber", "Marilyn", "Beverly",
        "Danielle", "Theresa", "Sophia", "Marie", "Diana", "Brittany", "Natalie", "Isabella", "Charlotte", "Rose",
        "Alexis", "Kayla", "Wei", "Mohammed", "Ahmed", "Fatima", "Priya", "Raj", "Aisha", "Omar", "Mei", "Hiroshi", "Yuki",
        "Ana", "Sofia", "Diego", "Mateo", "Lucia", "Elena", "Ivan", "Olga", "Dmitri", "Kwame", "Ngozi", "Chen", "Li",
    };

    // Words that follow a first name in clinical text without making it a person ("Grace period", "Mark Left").
    private static readonly HashSet<string> NotSurnames = new(StringComparer.Ordinal)
    {
        "Left", "Right", "Bilateral", "Negative", "Positive", "Normal", "Disease", "Syndrome", "Hospital", "Medical",
        "Center", "Clinic", "Street", "Avenue", "Road", "County",
    };
}

public sealed record DeidentifiedText(string Text, IReadOnlyList<PhiSpan> Found);

/// <summary>[Start, End) in the original text.</summary>
public sealed record PhiSpan(int Start, int End, PhiKind Kind);

public enum PhiKind
{
    Name,
    Date,
    Mrn,
    Phone,
    Email,
    Ssn,
    Address,
    Url,
    IpAddress,
    Identifier,
    Age,
}
