using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Coding.Core.Privacy;

/// <summary>
/// HIPAA Safe Harbor de-identification for text sent to an endpoint not trusted with PHI, built for recall the way
/// Philter is: every capitalised word outside a whitelist of words known not to be PHI (<see cref="PhiVocabulary"/>:
/// English words, codebook vocabulary, abbreviations, drug brands) is removed, on top of pattern detectors for every
/// Safe Harbor kind (<see cref="PhiPatterns"/>) and context rules: a word after a title, a label or a relationship word
/// is a name even when it is a common word ("daughter Hope"), a name found once is removed everywhere in the note, and
/// capitalised words right before "sign", "scale", "staging", "disease" … are eponyms or named scales and stay.
/// Pure and deterministic. Dates are shifted by one offset per encounter (intervals survive); ages over 89 become
/// "90 or older"; every replacement names its kind. Recall per kind: coding bench deid (eval/gold/deid).
/// </summary>
public sealed partial class SafeHarborDeidentifier(int dateShiftDays)
{
    public int DateShiftDays { get; } = dateShiftDays;

    /// <summary>A stable shift of ±1..365 days for one encounter, so every call for it shifts dates alike.</summary>
    public static int DateShiftFor(Guid encounterId) => ShiftFromHash(SHA256.HashData(encounterId.ToByteArray()));

    /// <summary>The same for a site's own note id (coding deid on a file): stable per id, never zero.</summary>
    public static int DateShiftFor(string noteId) => ShiftFromHash(SHA256.HashData(Encoding.UTF8.GetBytes(noteId)));

    private static int ShiftFromHash(byte[] h)
    {
        var days = (int)(BitConverter.ToUInt32(h, 0) % 365) + 1;
        return (h[4] & 1) == 0 ? days : -days;
    }

    public DeidentifiedText Deidentify(string text)
    {
        var words = PhiPatterns.Word().Matches(text).Select(m => new Tok(m.Index, m.Length, m.Value)).ToArray();
        var protectedAt = ProtectedWords(text, words);
        var found = new List<PhiSpan>();

        foreach (var detector in PhiPatterns.All)
        {
            if (detector.Needs is { } needs && !text.Contains(needs, StringComparison.Ordinal) || detector.Gate is { } gate && !gate(text))
                continue;
            foreach (Match m in detector.Regex.Matches(text))
            {
                var g = m.Groups["n"].Success ? m.Groups["n"] : (Group)m;
                if (g.Length == 0)
                    continue;
                var span = Accept(text, detector, g.Index, g.Index + g.Length, m.Value, protectedAt);
                if (span is not null)
                    found.Add(span);
            }
        }
        PlacesNamedByTheirStreet(text, found);
        NameRules(text, words, protectedAt, found);
        IdentifierTokens(text, found);

        var chosen = Merge(found);
        var sb = new StringBuilder(text.Length);
        var at = 0;
        var counts = new Dictionary<PhiKind, int>();
        foreach (var span in chosen)
        {
            sb.Append(text, at, span.Start - at);
            sb.Append(Replacement(span.Kind, text[span.Start..span.End]));
            counts[span.Kind] = counts.GetValueOrDefault(span.Kind) + 1;
            at = span.End;
        }
        sb.Append(text, at, text.Length - at);
        return new DeidentifiedText(sb.ToString(), chosen, counts);
    }

    private readonly record struct Tok(int Start, int Length, string Value)
    {
        public int End => Start + Length;
    }

    /// <summary>Filters a detector's match: drops department names, scale names and cue words taken for names.</summary>
    private static PhiSpan? Accept(string text, PhiPatterns.Detector detector, int start, int end, string whole, HashSet<int> protectedAt)
    {
        var value = text[start..end];
        var kind = detector.Kind;
        switch (kind)
        {
            case PhiKind.Name:
            {
                // Leading cue words the name pattern swallowed ("Electronically", "Today") are not the name.
                var toks = PhiPatterns.Word().Matches(value).ToList();
                // Leading cue words the pattern swallowed ("Electronically", "Signed") are not the name.
                var first = toks.FindIndex(t => !PhiWords.NotNames.Contains(t.Value) || IsTitle(t.Value));
                if (first < 0)
                    return null;
                var titled = TitleFirst().IsMatch(value[toks[first].Index..]);
                var rest = toks.Skip(first).ToList();
                if (rest.All(t => protectedAt.Contains(start + t.Index) || PhiWords.KeepHeads.Contains(Base(t.Value))))
                    return null;
                var prefix = whole[..Math.Max(0, whole.Length - value.Length)];
                var afterColon = prefix.Contains(':', StringComparison.Ordinal);
                // Abbreviations after a cue are not names ("Father MI at 70", "per HPI", "per EMS"): unless a given name.
                if (!value.Contains(',', StringComparison.Ordinal) && rest.All(t => t.Length <= 4 && t.Value.All(char.IsUpper) && !IsGiven(t.Value)))
                    return null;
                // Initials say nothing: "L. Haloperidol" after "mmol/L" is no name; "O. Reyes" is, and "C. van der Berg".
                var nameLike = rest.Any(t => t.Length > 1 && NameLike(t.Value)) || ParticleInside().IsMatch(value);
                if (!detector.Strong && !titled && !afterColon && !nameLike && !SpokenTo().IsMatch(prefix))
                    return null;
                // A list of abbreviations ("PMH: HTN, HLD", "NPO, NG") is no "LAST, FIRST": a part of three letters without a vowel.
                if (value == value.ToUpperInvariant() && value.Contains(',', StringComparison.Ordinal) && !detector.Strong
                    && rest.Any(t => t.Length >= 3 && t.Value.IndexOfAny(['A', 'E', 'I', 'O', 'U']) < 0))
                    return null;
                // The all-caps "LAST, FIRST" form: a header of two clinical words ("CHEST, ABDOMEN") is not a name.
                if (value == value.ToUpperInvariant() && value.Contains(',', StringComparison.Ordinal) && !afterColon && !detector.Strong
                    && (rest.All(t => !NameLike(TitleCase(t.Value))) || rest[0].Length < 3))
                    return null;
                return new PhiSpan(start + toks[first].Index, end, kind);
            }
            case PhiKind.Facility:
            {
                var toks = PhiPatterns.Word().Matches(value).Select(t => t.Value).ToList();
                if (toks.All(PhiWords.DepartmentWords.Contains) || toks.All(t => PhiWords.DepartmentWords.Contains(t) || PhiWords.NotNames.Contains(t)))
                    return null;
                var lead = PhiPatterns.Word().Matches(value).FirstOrDefault(t => !PhiWords.NotNames.Contains(t.Value));
                return lead is null ? null : new PhiSpan(start + lead.Index, end, kind);
            }
            case PhiKind.Employer or PhiKind.Location when whole.Length > 0:
            {
                var toks = PhiPatterns.Word().Matches(value).ToList();
                if (toks.Count > 0 && toks.All(t => protectedAt.Contains(start + t.Index)))
                    return null;
                // "in Reading" is a place, "in Spanish" or "in Cardiology" is not: without a strong cue, a proper noun.
                if (!detector.Strong && kind == PhiKind.Location && toks.All(t => !NameLike(t.Value) || PhiWords.DepartmentWords.Contains(t.Value)))
                    return null;
                return new PhiSpan(start, end, kind);
            }
            case PhiKind.Identifier:
                return value.Count(char.IsDigit) >= 2 ? new PhiSpan(start, end, kind) : null;
            default:
                return new PhiSpan(start, end, kind);
        }
    }

    /// <summary>Outside the whitelist, a given name, or a proper noun of the English lists.</summary>
    /// <remarks>A possessive of a codebook word is an eponym ("with Huntington's", "consistent with Addison's").</remarks>
    private static bool NameLike(string w) =>
        !IsKnown(w) || IsGiven(w) || PhiVocabulary.Proper.Contains(Base(w)) && !(Base(w).Length < w.Length && IsKnown(w));

    private static bool IsTitle(string w) => w is "Dr" or "Mr" or "Mrs" or "Ms" or "Miss" or "Mx" or "Prof";

    private static bool IsGiven(string w) => PhiWords.GivenNames.Contains(TitleCase(Base(w)));

    private static string Base(string w) =>
        w.EndsWith("'s", StringComparison.Ordinal) || w.EndsWith("’s", StringComparison.Ordinal) ? w[..^2] : w;

    private static string TitleCase(string w) => w.Length < 2 ? w : char.ToUpperInvariant(w[0]) + w[1..].ToLowerInvariant();

    /// <summary>
    /// Known not to be PHI: in the whitelist as a whole or in every hyphenated part, a clinical word by its form
    /// (<see cref="PhiMorphology"/>), or a mixed-case abbreviation ("EtOH", "FHx", "NSAIDs", "HBeAg").
    /// </summary>
    internal static bool IsKnown(string word)
    {
        var b = Base(word);
        if (MixedCaseAbbreviation(b))
            return true;
        var w = b.Replace('’', '\'').ToLowerInvariant();
        if (PhiVocabulary.Known.Contains(w) || PhiMorphology.IsClinical(w))
            return true;
        var parts = w.Split('-', '\'');
        return parts.Length > 1 && parts.All(p => p.Length < 2 || PhiVocabulary.Known.Contains(p) || PhiMorphology.IsClinical(p));
    }

    /// <summary>
    /// Two capitals or more with a lower-case letter, not in the form of joined name parts ("McDonald", "LaToya",
    /// "JoAnn", each part two letters or more): how notes write lab names, units and plurals of abbreviations.
    /// </summary>
    internal static bool MixedCaseAbbreviation(string w)
    {
        if (w.IndexOfAny(['-', '\'', '’']) >= 0)
            return w.Split('-', '\'', '’').Any(MixedCaseAbbreviation);
        var upper = 0;
        var lower = false;
        foreach (var c in w)
        {
            if (char.IsUpper(c)) upper++;
            else if (char.IsLower(c)) lower = true;
        }
        return upper >= 2 && lower && !JoinedNameParts().IsMatch(w);
    }

    /// <summary>
    /// Start offsets of capitalised words that lead into an eponym or named scale ("Ann Arbor staging", "Bell's palsy",
    /// "Patient Health Questionnaire", "Glasgow Coma Scale"): the generic rule and name propagation leave them.
    /// </summary>
    private static HashSet<int> ProtectedWords(string text, Tok[] words)
    {
        var set = new HashSet<int>();
        for (var i = 1; i < words.Length; i++)
        {
            if (!PhiWords.KeepHeads.Contains(Base(words[i].Value)))
                continue;
            // A lowercase word may stand between only before a scale or a sign ("Glasgow coma scale"), never a verb.
            var strongHead = StrongHead().IsMatch(words[i].Value);
            for (var j = i - 1; j >= 0; j--)
            {
                var gap = text.AsSpan(words[j].End, words[j + 1].Start - words[j].End);
                if (!(gap.IsWhiteSpace() && gap.Length <= 2 || gap is "-" or "/" or " & " || gap.Trim().SequenceEqual("and") || gap.Trim().Length is > 0 and <= 3 && gap.Trim().ToString().All(c => char.IsUpper(c) || char.IsDigit(c))))
                    break;
                if (!char.IsUpper(words[j].Value[0]) && (j < i - 1 || !strongHead || SentenceVerb().IsMatch(words[j].Value)))
                    break;
                if (char.IsUpper(words[j].Value[0]))
                    set.Add(words[j].Start);
                if (gap.Contains('\n'))
                    break;
            }
        }
        return set;
    }

    /// <summary>
    /// A clinic named by its brand and street ("Fresenius Bluff Street"): capitalised words right before a street
    /// written without a house number are the facility's name (164.514(b)(2)(i)(B)), whitelisted or not.
    /// </summary>
    private static void PlacesNamedByTheirStreet(string text, List<PhiSpan> found)
    {
        for (var k = 0; k < found.Count; k++)
        {
            var s = found[k];
            if (s.Kind != PhiKind.Address || !char.IsUpper(text[s.Start]))
                continue;
            var lineStart = text.LastIndexOf('\n', Math.Max(0, s.Start - 1)) + 1;
            var m = BrandBeforeStreet().Match(text, lineStart, s.Start - lineStart);
            if (m.Success && m.Groups["b"].Value.Split(' ').All(w => !PhiWords.NotNames.Contains(w) && !IsTitle(w)))
                found.Add(new PhiSpan(m.Groups["b"].Index, s.End, PhiKind.Facility));
        }
    }

    /// <summary>The generic Philter rule, given names in context, and propagation of every name found.</summary>
    private static void NameRules(string text, Tok[] words, HashSet<int> protectedAt, List<PhiSpan> found)
    {
        var covered = Coverage(text.Length, found);
        for (var i = 0; i < words.Length; i++)
        {
            var w = words[i];
            if (!char.IsUpper(w.Value[0]) || covered[w.Start] || protectedAt.Contains(w.Start))
                continue;
            var b = Base(w.Value);
            var abbreviation = b.Length <= 4 && b.All(c => char.IsUpper(c) || c == '-');
            if (!abbreviation && !IsKnown(w.Value) && !PhiWords.KeepHeads.Contains(b) && !IsHeader(text, words, i))
            {
                found.Add(new PhiSpan(w.Start, w.End, PhiKind.Name));
                continue;
            }
            // A given name that is also a word, capitalised where a sentence does not start ("asked Hope", "with Will"),
            // or followed by a surname ("Will Baker"): context beats the whitelist.
            if (IsGiven(w.Value) && !IsMonth(b) && !abbreviation)
            {
                var before = text.AsSpan(0, w.Start).TrimEnd(" \t");
                var midSentence = before.Length > 0 && (char.IsLower(before[^1]) || before[^1] == ',');
                var nextIsSurname = i + 1 < words.Length && text.AsSpan(w.End, words[i + 1].Start - w.End) is " "
                    && char.IsUpper(words[i + 1].Value[0]) && !PhiWords.NotNames.Contains(words[i + 1].Value)
                    && !PhiWords.KeepHeads.Contains(Base(words[i + 1].Value)) && !protectedAt.Contains(words[i + 1].Start)
                    && !(words[i + 1].Value.Length <= 4 && words[i + 1].Value.All(char.IsUpper));
                var verbAfter = i + 1 < words.Length && text.AsSpan(w.End, words[i + 1].Start - w.End) is " "
                    && SentenceVerb().IsMatch(words[i + 1].Value);
                if (midSentence || nextIsSurname || verbAfter)
                    found.Add(new PhiSpan(w.Start, nextIsSurname ? words[i + 1].End : w.End, PhiKind.Name));
            }
        }

        // A name found once is removed wherever else the note writes it ("son-in-law Guy" … "Guy keeps a log").
        covered = Coverage(text.Length, found);
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var s in found.Where(s => s.Kind == PhiKind.Name))
            foreach (Match t in PhiPatterns.Word().Matches(text[s.Start..s.End]))
                if (t.Value.Length >= 2 && !PhiWords.NotNames.Contains(t.Value) && !IsTitle(t.Value) && !(t.Value.Length <= 4 && t.Value.All(char.IsUpper) && IsKnown(t.Value)))
                    names.Add(TitleCase(Base(t.Value)));
        foreach (var w in words)
        {
            if (!covered[w.Start] && char.IsUpper(w.Value[0]) && !protectedAt.Contains(w.Start) && names.Contains(TitleCase(w.Value)))
                found.Add(new PhiSpan(w.Start, w.End, PhiKind.Name));
        }

        // Grow every name over the initials, particles and capitalised words beside it ("Emily Turner", "O. Reyes").
        for (var k = 0; k < found.Count; k++)
        {
            var s = found[k];
            if (s.Kind != PhiKind.Name)
                continue;
            var end = s.End;
            while (NextNamePart(text, end, protectedAt) is { } next)
                end = next;
            var start = s.Start;
            var title = Regex.Match(text[Math.Max(0, start - 12)..start], @"(?:\b(?:Dr|Mr|Mrs|Ms|Miss|Mx)\.?[ \t]+|\b[A-Z]\.[ \t]*(?:[A-Z]\.[ \t]*)?)$");
            if (title.Success)
                start -= title.Length;
            if (end != s.End || start != s.Start)
                found[k] = s with { Start = start, End = end };
        }
    }

    private static int? NextNamePart(string text, int end, HashSet<int> protectedAt)
    {
        var m = NamePart().Match(text, end);
        if (!m.Success || m.Index != end)
            return null;
        var word = m.Groups["w"];
        if (protectedAt.Contains(word.Index) || PhiWords.NotNames.Contains(word.Value) || PhiWords.KeepHeads.Contains(Base(word.Value)))
            return null;
        if (word.Length > 1 && word.Value.All(char.IsUpper) && word.Length <= 4 && IsKnown(word.Value))
            return null;
        return m.Index + m.Length;
    }

    /// <summary>
    /// A section header: up to three words from the start of a line up to a colon ("Dispo:", "FHx:", "Family Hx:").
    /// Labels that introduce a name ("Patient:", "Daughter:") are the detectors' business; the header word itself is
    /// not an identifier, so the generic rule leaves it.
    /// </summary>
    private static bool IsHeader(string text, Tok[] words, int i)
    {
        var j = i;
        while (j < words.Length && j < i + 3 && !(words[j].End < text.Length && text[words[j].End] == ':'))
        {
            if (j + 1 >= words.Length || text.AsSpan(words[j].End, words[j + 1].Start - words[j].End) is not " ")
                return false;
            j++;
        }
        if (j >= words.Length || j >= i + 3 || words[j].End >= text.Length || text[words[j].End] != ':')
            return false;
        var k = i;
        while (k > 0 && j - k < 2 && char.IsUpper(words[k - 1].Value[0]) && text.AsSpan(words[k - 1].End, words[k].Start - words[k - 1].End) is " ")
            k--;
        for (var m = i; m <= j; m++)
            if (!char.IsUpper(words[m].Value[0]))
                return false;
        var lineStart = text.LastIndexOf('\n', Math.Max(0, words[k].Start - 1)) + 1;
        return text.AsSpan(lineStart, words[k].Start - lineStart).Trim(" \t-*•0123456789.)").IsEmpty;
    }

    private static bool IsMonth(string w) => w is "May" or "June" or "April" or "August" or "Jan" or "March";

    /// <summary>Alphanumeric tokens with four digits or more, and bare numbers of five digits or more, are identifiers.</summary>
    private static void IdentifierTokens(string text, List<PhiSpan> found)
    {
        foreach (Match m in PhiPatterns.AlnumToken().Matches(text))
        {
            var digits = m.Value.Count(char.IsDigit);
            var letters = m.Value.Count(char.IsLetter);
            if (digits == 0 || PhiPatterns.NumberWithUnit().IsMatch(m.Value))
                continue;
            var identifier = letters > 0 ? digits >= 4
                : m.Value.Contains('/', StringComparison.Ordinal) ? digits >= 8 && !m.Value.Split('/').Any(p => p.Length <= 3)
                : digits >= 5 && !NextIsUnit(text, m.Index + m.Length);
            if (identifier)
                found.Add(new PhiSpan(m.Index, m.Index + m.Length, PhiKind.Identifier));
        }
    }

    private static bool NextIsUnit(string text, int at) => UnitAfter().IsMatch(text.AsSpan(at, Math.Min(12, text.Length - at)));

    private static bool[] Coverage(int length, List<PhiSpan> spans)
    {
        var covered = new bool[length + 1];
        foreach (var s in spans)
            for (var i = s.Start; i < s.End; i++)
                covered[i] = true;
        return covered;
    }

    /// <summary>Overlapping spans merge into one; it keeps the kind of the longest, detectors before the generic rule.</summary>
    private static List<PhiSpan> Merge(List<PhiSpan> found)
    {
        var chosen = new List<PhiSpan>();
        var longest = new List<int>();
        foreach (var span in found.OrderBy(s => s.Start).ThenByDescending(s => s.End - s.Start))
        {
            if (chosen.Count > 0 && span.Start < chosen[^1].End)
            {
                var last = chosen[^1];
                var kind = span.End - span.Start > longest[^1] && span.Kind != PhiKind.Name ? span.Kind : last.Kind;
                if (span.End - span.Start > longest[^1]) longest[^1] = span.End - span.Start;
                chosen[^1] = last with { End = Math.Max(last.End, span.End), Kind = kind };
                continue;
            }
            chosen.Add(span);
            longest.Add(span.End - span.Start);
        }
        return chosen;
    }

    private string Replacement(PhiKind kind, string original) => kind switch
    {
        PhiKind.Date => DateShifter.Shift(original, DateShiftDays) is { } shifted ? $"[DATE+shift {shifted}]" : "[DATE]",
        PhiKind.Age => "[AGE 90 or older]",
        _ => $"[{Placeholder(kind)}]",
    };

    public static string Placeholder(PhiKind kind) => kind switch
    {
        PhiKind.Name => "NAME",
        PhiKind.Date => "DATE",
        PhiKind.Mrn => "MRN",
        PhiKind.Phone => "PHONE",
        PhiKind.Email => "EMAIL",
        PhiKind.Ssn => "SSN",
        PhiKind.Address => "ADDRESS",
        PhiKind.Url => "URL",
        PhiKind.IpAddress => "IP",
        PhiKind.Identifier => "ID",
        PhiKind.Age => "AGE 90+",
        PhiKind.Location => "LOCATION",
        PhiKind.Facility => "FACILITY",
        PhiKind.Employer => "EMPLOYER",
        PhiKind.Biometric => "BIOMETRIC",
        _ => "PHI",
    };

    [GeneratedRegex(@"\G(?:[ \t]+(?:(?:van|von|der|den|de|del|della|di|da|la|le|du|St\.)[ \t]+)*|[ \t]*,[ \t]*(?=[A-Z]+\b)|-)(?<w>[A-Z]\.(?![A-Za-z])|(?:[A-Z][a-z]?['’])?[A-Z][A-Za-z\u00C0-\u017F]*(?:['’\-][A-Za-z\u00C0-\u017F]+)*)")]
    private static partial Regex NamePart();

    [GeneratedRegex(@"(?<b>[A-Z][A-Za-z'’&\-]+(?: [A-Z][A-Za-z'’&\-]+){0,2}) $")]
    private static partial Regex BrandBeforeStreet();

    [GeneratedRegex(@"[A-Za-z.][ \t]+(?:van|von|der|den|de|del|della|di|da|la|le|du|dos|das)[ \t]+[A-Z]")]
    private static partial Regex ParticleInside();

    [GeneratedRegex(@"^(?:(?:Mc|Mac|O'|D')?[A-Z][a-z]+){2,3}$|^(?:Mc|Mac)[A-Z][a-z]+$")]
    private static partial Regex JoinedNameParts();

    [GeneratedRegex(@"^(?:is|was|has|had|says|said|states|stated|reports|reported|called|calls|visits|visited|lives|works|keeps|brought|brings|drives|helps|manages|prefers|wants|asked|asks|agrees|agreed|declined|declines|feels|thinks|notes|noted|gave|gives|came|comes|left|arrived|arrives|confirmed|confirms|provided|provides|requested|requests|answered|phoned|signed|took|takes|went|saw|told|tells|drove|picked|spoke|speaks|needs|plans|stayed|stays|and)$")]
    private static partial Regex SentenceVerb();

    [GeneratedRegex(@"^(?i:sign|scale|score|criteria|classification|staging|stage|grade|syndrome|disease|questionnaire|index|assessment|inventory|reflex|maneuver)$")]
    private static partial Regex StrongHead();

    [GeneratedRegex(@"(?i:spoke[ \t]+(?:with|to)|discussed[ \t]+with|per|told|asked|called|paged|notified|informed|updated|texted|messaged)[ \t]*$")]
    private static partial Regex SpokenTo();

    [GeneratedRegex(@"^(?:Dr|Doctor|Mr|Mrs|Ms|Miss|Mx|Prof|Professor|Rev|Fr|Sr|Nurse)\b")]
    private static partial Regex TitleFirst();

    [GeneratedRegex(@"^[ \t]*(?:mg|mcg|g|kg|ml|mL|units?|IU|mmol|mEq|cells|copies|/|per|k\b|x\b|%|mm3|uL)", RegexOptions.IgnoreCase)]
    private static partial Regex UnitAfter();
}

/// <summary>The de-identified text, what was replaced ([Start, End) in the original) and how many of each kind.</summary>
public sealed record DeidentifiedText(string Text, IReadOnlyList<PhiSpan> Found, IReadOnlyDictionary<PhiKind, int> Counts);

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
    Location,
    Facility,
    Employer,
    Biometric,
}
