using System.Text.RegularExpressions;
using Coding.Core.Engine.Preparation;

namespace Coding.Core.Engine.Procedures;

/// <summary>
/// The PCS Index keyed as note tokens are (<see cref="TermNormalizer.Keys"/>) and the valid codes of the release in force.
/// A main term is found by its words (or an alias's, or the abbreviation the Index writes in parentheses: "(CT Scan)",
/// "(MRI)"); each subterm by its words in the same sentence. Only codes whose first four characters lead to at least one
/// valid code of the release are kept, so nothing outside the release can be suggested.
/// </summary>
public sealed partial class ProcedureLexicon
{
    private static readonly HashSet<string> FunctionWords = ["and", "of", "the", "or", "with", "to", "in", "on", "by", "for", "a", "an"];

    /// <summary>
    /// Words US notes (and CodiEsp's translations) use for an imaging type where the Index has none of its own: a plain
    /// film is an "X-ray" or "radiograph", ultrasonography an "ultrasound" or "sonography", CT the Spanish "TAC".
    /// </summary>
    private static readonly (string Words, string MainTerm)[] NoteWords =
    [
        ("x ray", "plain radiography"), ("xray", "plain radiography"), ("radiograph", "plain radiography"), ("rx", "plain radiography"),
        ("ultrasound", "ultrasonography"), ("sonography", "ultrasonography"), ("ecography", "ultrasonography"),
        ("tac", "computerized tomography (ct scan)"), ("tomography", "computerized tomography (ct scan)"),
        ("magnetic resonance", "magnetic resonance imaging (mri)"), ("nmr", "magnetic resonance imaging (mri)"),
        ("ecg", "ekg (electrocardiogram)"),
    ];

    private readonly Dictionary<string, List<MainEntry>> _byRarestKey;
    private readonly IReadOnlyDictionary<string, IReadOnlyList<string>> _codesByStem;
    private readonly HashSet<string> _valid;
    private readonly IReadOnlyDictionary<string, IReadOnlyList<BodyPart>> _bodyParts;

    private ProcedureLexicon(Dictionary<string, List<MainEntry>> byRarestKey, IReadOnlyDictionary<string, IReadOnlyList<string>> codesByStem,
        HashSet<string> valid, IReadOnlyDictionary<string, IReadOnlyList<BodyPart>> bodyParts, string releaseVersion)
    {
        _byRarestKey = byRarestKey;
        _codesByStem = codesByStem;
        _valid = valid;
        _bodyParts = bodyParts;
        ReleaseVersion = releaseVersion;
    }

    /// <summary>Side words of a body-part label ("Kidney, Right"): read apart, since a note writes "right nephrectomy".</summary>
    internal static readonly HashSet<string> SideWords = ["right", "left", "bilateral"];

    /// <summary>The body parts of a table (3 characters) that lead to a valid code of the release: stem, site words, side.</summary>
    public IReadOnlyList<BodyPart> BodyPartsOf(string table) => _bodyParts.TryGetValue(table, out var parts) ? parts : [];

    public string ReleaseVersion { get; }

    public bool IsValid(string code) => _valid.Contains(code);

    /// <summary>The valid codes of the release that start with a 4-character stem, in code order.</summary>
    public IReadOnlyList<string> CodesOf(string stem) => _codesByStem.TryGetValue(stem, out var codes) ? codes : [];

    internal IReadOnlyList<MainEntry> EntriesKeyedBy(string key) => _byRarestKey.TryGetValue(key, out var list) ? list : [];

    /// <param name="validCodes">The release's billable (7-character) ICD-10-PCS codes.</param>
    public static ProcedureLexicon Build(PcsIndex index, PcsTables tables, IEnumerable<string> validCodes, string releaseVersion)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(tables);
        var valid = validCodes.Where(c => c.Length == 7).Select(c => c.ToUpperInvariant()).ToHashSet(StringComparer.Ordinal);
        var byStem = valid.GroupBy(c => c[..4], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Order(StringComparer.Ordinal).ToList(), StringComparer.Ordinal);
        var bodyParts = new Dictionary<string, IReadOnlyList<BodyPart>>(StringComparer.Ordinal);
        foreach (var (table, parts) in tables.BodyParts)
        {
            var list = parts.Where(p => byStem.ContainsKey(table + p.Value))
                .Select(p => new BodyPart(table + p.Value, KeysOf(p.Label).Where(k => !SideWords.Contains(k)).ToList(),
                    KeysOf(p.Label).FirstOrDefault(SideWords.Contains)))
                .ToList();
            if (list.Count > 0) bodyParts[table] = list;
        }
        var mains = new Dictionary<string, Node>(StringComparer.Ordinal);
        foreach (var term in index.MainTerms)
        {
            var node = Compile(term, index, byStem, bodyParts);
            if (node is null) continue;
            var title = term.Title.ToLowerInvariant();
            // A main term written twice (the Index has a few) keeps both sets of subterms.
            mains[title] = mains.TryGetValue(title, out var existing) ? existing with { Children = [.. existing.Children, .. node.Children], Codes = [.. existing.Codes, .. node.Codes] } : node;
        }
        var byKey = new Dictionary<string, List<MainEntry>>(StringComparer.Ordinal);
        void Key(IReadOnlyList<string> keys, Node node)
        {
            if (keys.Count == 0) return;
            var entry = new MainEntry(keys, node);
            var rarest = keys.OrderByDescending(k => k.Length).First();
            if (!byKey.TryGetValue(rarest, out var list)) byKey[rarest] = list = [];
            list.Add(entry);
        }
        foreach (var (title, node) in mains)
        {
            foreach (var words in MainTermWords(node.Title))
                Key(KeysOf(words), node);
            foreach (var alias in index.Aliases.GetValueOrDefault(title) ?? [])
                Key(KeysOf(Unparenthesised(alias)), node);
        }
        foreach (var (words, target) in NoteWords)
        {
            if (mains.TryGetValue(target, out var node))
                Key(KeysOf(words), node);
        }
        return new ProcedureLexicon(byKey, byStem, valid, bodyParts, releaseVersion);
    }

    /// <summary>The words a main term is found by: its title without the parenthesis, the parenthesis itself, and an
    /// abbreviation in it on its own ("Computerized Tomography (CT Scan)" → "computerized tomography", "ct scan", "ct").</summary>
    private static IEnumerable<string> MainTermWords(string title)
    {
        yield return Unparenthesised(title).ToLowerInvariant();
        foreach (Match m in Parenthesis().Matches(title))
        {
            var inner = m.Groups[1].Value;
            yield return inner;
            // Only an abbreviation stands alone: "(CT Scan)" gives "CT", "(Left ventricular outflow tract obstruction)" no "left".
            var first = inner.Split(' ')[0];
            if (first.Length is >= 2 and <= 4 && inner.Length > first.Length && first.All(char.IsAsciiLetterUpper)) yield return first;
        }
    }

    private static string Unparenthesised(string title) => Parenthesis().Replace(title, " ").Trim();

    internal static IReadOnlyList<string> KeysOf(string words) =>
        TermNormalizer.Keys(words.Replace('-', ' ')).Where(k => !FunctionWords.Contains(k)).Distinct().ToList();

    private static Node? Compile(PcsIndexTerm term, PcsIndex index, IReadOnlyDictionary<string, IReadOnlyList<string>> byStem,
        IReadOnlyDictionary<string, IReadOnlyList<BodyPart>> bodyParts)
    {
        // Codes whose stem leads to no valid code of the release are dropped here, once; a 3-character table stays when it
        // has a body part that does (the body part is read from the note, <see cref="BodyPartsOf"/>).
        var codes = term.Codes.Where(c => c.Length >= 4 ? byStem.ContainsKey(c[..4]) : bodyParts.ContainsKey(c)).Distinct().ToList();
        var children = new List<Node>();
        foreach (var child in term.Children)
        {
            if (Compile(child, index, byStem, bodyParts) is not { } node) continue;
            children.Add(node);
            foreach (var synonym in index.SiteSynonyms.GetValueOrDefault(child.Title.ToLowerInvariant()) ?? [])
                children.Add(node with { Keys = KeysOf(Unparenthesised(synonym)) });
        }
        if (codes.Count == 0 && children.Count == 0) return null;
        return new Node(term.Title, KeysOf(Unparenthesised(term.Title)), codes, children);
    }

    [GeneratedRegex(@"\(([^)]*)\)")]
    private static partial Regex Parenthesis();

    internal sealed record Node(string Title, IReadOnlyList<string> Keys, IReadOnlyList<string> Codes, IReadOnlyList<Node> Children);

    /// <summary>A body part of a table: the stem it makes, its site words, its side ("right", "left", "bilateral") if any.</summary>
    public sealed record BodyPart(string Stem, IReadOnlyList<string> Keys, string? Side);

    internal sealed record MainEntry(IReadOnlyList<string> Keys, Node Node);
}
