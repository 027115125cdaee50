using System.Collections.Frozen;
using System.Globalization;
using System.Text.RegularExpressions;
using Coding.Core.Codebooks;
using Coding.Core.Suggestions;

namespace Coding.Core.Engine.Lexicon;

/// <summary>
/// One release's codes and terms, keyed for matching: every term's required keys (<see cref="TermKeys"/>) and an
/// inverted index from each term's rarest key (its anchor) to the term. Anchoring on the rarest key means a note word
/// such as "pain" only wakes the few hundred terms that cannot be anchored on anything rarer. Immutable: built once
/// per process and release, shared by every encounter.
/// </summary>
public sealed partial class TermLexicon
{
    private readonly FrozenDictionary<string, LexiconCode> _codes;
    private readonly string[] _billableSorted;
    private readonly FrozenDictionary<string, int[]> _anchored;
    private readonly FrozenDictionary<string, string[]> _excludes1;
    private readonly FrozenDictionary<string, string[]> _codeFirst;
    private readonly (IReadOnlyList<LexiconCode> Codes, IReadOnlyList<LexiconTerm> Terms, IReadOnlyList<LexiconNote> Notes) _sources;
    private readonly FrozenSet<string>? _poaExempt;

    /// <param name="poaExempt">The release's CMS POA-exempt codes (without dot); null when the release has no list loaded.</param>
    public TermLexicon(CodeSystem system, string releaseVersion, IEnumerable<LexiconCode> codes, IEnumerable<LexiconTerm> terms,
        IEnumerable<LexiconNote> notes, IEnumerable<string>? poaExempt = null)
    {
        System = system;
        _poaExempt = poaExempt?.ToFrozenSet(StringComparer.Ordinal);
        ReleaseVersion = releaseVersion;
        _sources = (codes as IReadOnlyList<LexiconCode> ?? codes.ToList(), terms as IReadOnlyList<LexiconTerm> ?? terms.ToList(), notes as IReadOnlyList<LexiconNote> ?? notes.ToList());
        codes = _sources.Codes;
        // The hand-written history/status phrases are part of every ICD-10-CM lexicon (not of _sources, so With adds them once).
        terms = system == CodeSystem.Icd10Cm ? _sources.Terms.Concat(StatusTerms.Terms()) : _sources.Terms;
        notes = _sources.Notes;
        _codes = codes.ToFrozenDictionary(c => c.Code, StringComparer.Ordinal);
        _billableSorted = _codes.Values.Where(c => c.Billable).Select(c => c.Code).Order(StringComparer.Ordinal).ToArray();
        _billableTitleKeys = new string[]?[_billableSorted.Length];

        // Terms of codes outside the release are dead weight (the term table is shared across years).
        var kept = new List<LexiconTerm>();
        var keys = new List<string[]>();
        var seen = new HashSet<(string, string)>();
        foreach (var term in terms)
        {
            // Subsequent-encounter and sequela codes share their words with the initial-encounter code; a note naming
            // the injury supports the initial one (the 7th character is a coder's decision from context).
            if (!_codes.TryGetValue(term.Code, out var entry) || IsLaterEncounter(entry))
                continue;
            var isPath = term.Kind is not (TermKind.Title or TermKind.Inclusion);
            foreach (var required in TermKeys.Variants(term.Text, isPath, term.Kind == TermKind.Neoplasm))
            {
                if (!seen.Add((term.Code, string.Join(' ', required.Order(StringComparer.Ordinal)))))
                    continue;
                kept.Add(term);
                keys.Add(required);
            }
        }
        Terms = kept;
        Keys = keys;
        _termKeys = new string?[kept.Count];
        _keySignatures = new ulong[kept.Count];

        var frequency = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var k in keys.SelectMany(k => k))
            frequency[k] = frequency.GetValueOrDefault(k) + 1;
        var anchored = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < keys.Count; i++)
        {
            var anchor = keys[i].MinBy(k => frequency[k])!;
            if (!anchored.TryGetValue(anchor, out var list))
                anchored[anchor] = list = [];
            list.Add(i);
        }
        _anchored = anchored.ToFrozenDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);

        var noteList = notes.ToList();
        _excludes1 = NamedCodes(noteList, LexiconNoteKind.Excludes1);
        _codeFirst = NamedCodes(noteList, LexiconNoteKind.CodeFirst);
    }

    public CodeSystem System { get; }
    public string ReleaseVersion { get; }

    /// <summary>Kept term variants (a term appears once per key variant); the index here is the id matches refer to.</summary>
    public IReadOnlyList<LexiconTerm> Terms { get; }

    /// <summary>Required keys of each kept term, parallel to <see cref="Terms"/>.</summary>
    public IReadOnlyList<string[]> Keys { get; }

    public int CodeCount => _codes.Count;

    /// <summary>
    /// The release's terms as loaded, before <see cref="Terms"/> keeps one per code and keys: a table reader needs every
    /// cell ("Opioid NEC - Adverse effect" keys like the title of T40.2X5, so <see cref="Terms"/> keeps only one of them).
    /// </summary>
    public IReadOnlyList<LexiconTerm> SourceTerms => _sources.Terms;

    /// <summary>The same release with extra terms (learned from training notes) added to the codebook's own.</summary>
    public TermLexicon With(IEnumerable<LexiconTerm> extra) =>
        new(System, ReleaseVersion, _sources.Codes, _sources.Terms.Where(t => t.Id >= 0).Concat(extra), _sources.Notes, _poaExempt);

    /// <summary>Whether the release carries the CMS POA-exempt list (an empty list counts: it was loaded and names nothing).</summary>
    public bool HasPoaExemptList => _poaExempt is not null;

    /// <summary>The code (without dot, "W16011D") is on the release's CMS POA-exempt list; false when no list is loaded.</summary>
    public bool IsPoaExempt(string code) => _poaExempt?.Contains(code) == true;

    public LexiconCode? Code(string code) => _codes.GetValueOrDefault(code);

    // Filled on first use per code: only codes that become candidates ever need their title keyed.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string[]> _titleKeys = new(StringComparer.Ordinal);

    /// <summary>The required keys of a code's title, as terms are keyed (empty for an unknown code).</summary>
    public string[] TitleKeys(string code) =>
        _titleKeys.TryGetValue(code, out var keys) ? keys
            // The factory gets the lexicon as its argument: a lambda capturing `this` was a new delegate on every call,
            // and candidate generation asks for the title keys of every billable sibling of every matched category.
            : _titleKeys.GetOrAdd(code, static (c, self) => self._codes.TryGetValue(c, out var entry) ? TermKeys.Required(entry.Title) : [], this);

    /// <summary>Terms whose anchor (rarest required key) is <paramref name="key"/>.</summary>
    public ReadOnlySpan<int> AnchoredOn(string key) => _anchored.TryGetValue(key, out var ids) ? ids : default;

    /// <summary>The billable codes below a header (prefix order), e.g. E11.4 → E11.40 … E11.49.</summary>
    public ReadOnlySpan<string> BillableUnder(string header)
    {
        var (first, count) = BillableRange(header);
        return _billableSorted.AsSpan(first, count);
    }

    /// <summary><see cref="BillableUnder"/> as positions, for <see cref="BillableCode"/> and <see cref="BillableTitleKeys"/>.</summary>
    internal (int First, int Count) BillableRange(string header)
    {
        var first = LowerBound(header);
        var last = first;
        while (last < _billableSorted.Length && _billableSorted[last].StartsWith(header, StringComparison.Ordinal))
            last++;
        return (first, last - first);
    }

    internal string BillableCode(int position) => _billableSorted[position];

    /// <summary>
    /// <see cref="TitleKeys"/> of the billable code at a position of <see cref="BillableRange"/>: candidate generation
    /// reads the title of every billable sibling of every matched category (over a thousand under S72), and hashing each
    /// code into the title-key cache was a sixth of a loaded worker's CPU.
    /// </summary>
    internal string[] BillableTitleKeys(int position) => _billableTitleKeys[position] ??= TitleKeys(_billableSorted[position]);

    // Parallel to _billableSorted, filled on first use (two threads filling one slot store the same array).
    private readonly string[]?[] _billableTitleKeys;

    /// <summary>
    /// <see cref="Priors.CodingPriors.TermKey"/> of a kept term variant (its code and sorted required keys), built once
    /// per variant instead of once per match.
    /// </summary>
    internal string TermKeyOf(int term) => _termKeys[term] ??= Priors.CodingPriors.TermKey(Terms[term].Code, Keys[term]);

    private readonly string?[] _termKeys;

    /// <summary>
    /// One bit per required key of a term variant (<see cref="KeyBit"/>), built on first use: a term whose bits are not
    /// all among a sentence's cannot match there, which rules out most anchored terms without a lookup per key.
    /// </summary>
    internal ulong KeySignature(int term) => _keySignatures[term] is var signature and not 0 ? signature : BuildKeySignature(term);

    private ulong BuildKeySignature(int term)
    {
        var signature = 0UL;
        foreach (var key in Keys[term])
            signature |= KeyBit(key);
        return _keySignatures[term] = signature;
    }

    /// <summary>A cheap, fixed hash of a key into 64 bits (length, first and last character): never 0.</summary>
    internal static ulong KeyBit(string key) =>
        1UL << (key.Length == 0 ? 0 : (key.Length * 7 + key[0] * 31 + key[^1]) & 63);

    private readonly ulong[] _keySignatures;

    // Filled on first use per code, like the title keys: the validator asks for every pair of candidates, and walking
    // the headers (a substring and a lookup per level) each time was most of its CPU.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string[]> _excludes1Up = new(StringComparer.Ordinal);

    /// <summary>Code prefixes named by Excludes1 notes on the code or any header above it, computed once per code.</summary>
    internal string[] Excludes1Prefixes(string code) =>
        _excludes1Up.TryGetValue(code, out var prefixes) ? prefixes
            : _excludes1Up.GetOrAdd(code, static (c, notes) => NotesUp(notes, c).ToArray(), _excludes1);

    /// <summary>Code prefixes a "code first" note on the code (or a header above it) asks to sequence before it.</summary>
    public IEnumerable<string> CodeFirstOf(string code) => NotesUp(_codeFirst, code);

    private static bool IsLaterEncounter(LexiconCode code) =>
        code.Code.Length == 7 && code.Code[6] is 'D' or 'S' or 'G' or 'K' or 'P' or 'E' or 'F' or 'H' or 'J' or 'M' or 'N' or 'Q' or 'R'
        && (code.Title.Contains("subsequent encounter", StringComparison.OrdinalIgnoreCase) || code.Title.EndsWith("sequela", StringComparison.OrdinalIgnoreCase));

    private static IEnumerable<string> NotesUp(FrozenDictionary<string, string[]> notes, string code)
    {
        for (var n = code.Length; n >= 3; n--)
        {
            if (notes.TryGetValue(code[..n], out var named))
            {
                foreach (var prefix in named)
                    yield return prefix;
            }
        }
    }

    private int LowerBound(string prefix)
    {
        int lo = 0, hi = _billableSorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (string.CompareOrdinal(_billableSorted[mid], prefix) < 0) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    private static FrozenDictionary<string, string[]> NamedCodes(IEnumerable<LexiconNote> notes, LexiconNoteKind kind) =>
        notes.Where(n => n.Kind == kind)
            .GroupBy(n => n.Code, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.SelectMany(n => CodesNamedIn(n.Text)).Distinct(StringComparer.Ordinal).ToArray(), StringComparer.Ordinal);

    /// <summary>
    /// Codes a note names, as prefixes without dot: "(E10.-)" → "E10", "(O24.4-)" → "O244", and a range of categories
    /// "(E08-E13)" → E08, E09, E10, E11, E13 (every category in between, numerically). Categories qualified by "with"
    /// name only the subcategories the qualifier gives: "(E08-E13 with .641)" (R40's Excludes1 for diabetic coma) is
    /// E08641 … E13641, not every diabetes code; "E08-E13 with ketoacidosis", whose qualifier is words, names nothing
    /// the validator could apply without guessing, so it names nothing (reading it as all of E08-E13 made somnolence
    /// and type 2 diabetes exclude each other).
    /// </summary>
    public static IEnumerable<string> CodesNamedIn(string text)
    {
        // "any condition in I51.4-I51.9 due to hypertension (I11.-)", "pneumoconiosis with tuberculosis, any type in A15
        // (J65)", "vitamin B12 deficiency (E53.8)": codes outside the parentheses describe the excluded condition; the
        // note names the code in parentheses. A note with no code in parentheses names the codes it writes out
        // ("tendinitis as classified in M75-M77").
        var inParentheses = string.Join(" ", Parenthesised().Matches(text).Select(m => m.Value));
        var rest = NamedCode().IsMatch(inParentheses) ? inParentheses : text;
        foreach (Match q in QualifiedCategories().Matches(rest))
        {
            rest = rest.Replace(q.Value, " ", StringComparison.Ordinal);
            var categories = Categories(q.Groups["codes"].Value).ToList();
            foreach (var suffix in Suffixes(q.Groups["with"].Value))
            {
                foreach (var category in categories)
                    yield return category + suffix;
            }
        }
        foreach (var category in Categories(CategoryRange().Matches(rest)))
            yield return category;
        foreach (Match m in NamedCode().Matches(CategoryRange().Replace(rest, " ")))
            yield return m.Value.Replace(".", "", StringComparison.Ordinal).TrimEnd('-');
    }

    /// <summary>Every category of a list such as "E08-E10, E11, E13".</summary>
    private static IEnumerable<string> Categories(string list) =>
        Categories(CategoryRange().Matches(list)).Concat(SingleCategory().Matches(CategoryRange().Replace(list, " ")).Select(m => m.Value));

    private static IEnumerable<string> Categories(MatchCollection ranges)
    {
        foreach (Match m in ranges)
        {
            var (letter, from, to) = (m.Groups[1].Value, int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups[4].Value, CultureInfo.InvariantCulture));
            if (m.Groups[3].Value == letter && to >= from && to - from < 100)
            {
                for (var n = from; n <= to; n++)
                    yield return $"{letter}{n:D2}";
            }
        }
    }

    /// <summary>".641" → 641; ".51-.52" → 51, 52; ".62-" → 62 (a prefix).</summary>
    private static IEnumerable<string> Suffixes(string qualifier)
    {
        foreach (Match m in Suffix().Matches(qualifier))
        {
            var from = m.Groups[1].Value;
            var to = m.Groups[2].Value;
            if (to.Length == from.Length && int.TryParse(from, CultureInfo.InvariantCulture, out var a) && int.TryParse(to, CultureInfo.InvariantCulture, out var b) && b >= a && b - a < 100)
            {
                for (var n = a; n <= b; n++)
                    yield return n.ToString(new string('0', from.Length), CultureInfo.InvariantCulture);
            }
            else
            {
                yield return from;
            }
        }
    }

    [GeneratedRegex(@"(?<codes>\b[A-TV-Z][0-9]{2}(?:-[A-TV-Z][0-9]{2})?(?:\s*,\s*(?:and\s+)?[A-TV-Z][0-9]{2}(?:-[A-TV-Z][0-9]{2})?)*)\s+with\s+(?<with>[^);]*)")]
    private static partial Regex QualifiedCategories();

    [GeneratedRegex(@"\([^()]*(?:\)|$)")]
    private static partial Regex Parenthesised();

    [GeneratedRegex(@"\.([0-9A-Z]{1,4})(?:-\.([0-9A-Z]{1,4}))?")]
    private static partial Regex Suffix();

    [GeneratedRegex(@"\b[A-TV-Z][0-9]{2}\b(?![.0-9A-Z])")]
    private static partial Regex SingleCategory();

    [GeneratedRegex(@"\b[A-TV-Z][0-9][0-9A-Z](?:\.[0-9A-Z]{0,4})?-?")]
    private static partial Regex NamedCode();

    [GeneratedRegex(@"\b([A-TV-Z])([0-9]{2})-([A-TV-Z])([0-9]{2})\b")]
    private static partial Regex CategoryRange();
}
