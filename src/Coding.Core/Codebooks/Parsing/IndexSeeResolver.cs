namespace Coding.Core.Codebooks.Parsing;

/// <summary>
/// Follows an index "see" reference to the codes at its target, so the referring words become a way to find them:
/// "Attack - heart — see Infarct, myocardium" makes "Attack - heart" a term for I21.9. The target is a main term
/// ("Infarct", matching "Infarct, infarction" by its first word) followed by subterms, comma-separated; a target that
/// names no entry with codes ("see condition", "see Neoplasm, malignant, by site") resolves to nothing.
/// </summary>
public sealed class IndexSeeResolver
{
    private readonly Dictionary<string, IndexEntry> _byPath = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<IndexEntry>> _children = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<IndexEntry>> _mainByFirstWord = new(StringComparer.Ordinal);

    public IndexSeeResolver(IEnumerable<IndexEntry> entries)
    {
        foreach (var e in entries)
        {
            var key = Key(e.Path);
            _byPath.TryAdd(key, e);
            if (e.Path.Count == 1)
            {
                var first = Normal(e.Path[0].Split(',')[0]);
                if (!_mainByFirstWord.TryGetValue(first, out var list)) _mainByFirstWord[first] = list = [];
                list.Add(e);
            }
            else
            {
                var parent = Key(e.Path.Take(e.Path.Count - 1));
                if (!_children.TryGetValue(parent, out var list)) _children[parent] = list = [];
                list.Add(e);
            }
        }
    }

    /// <summary>The codes (role "code") at the entry a see-reference points to; empty when it cannot be followed.</summary>
    public IReadOnlyList<string> Resolve(string see)
    {
        var parts = see.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        for (var take = parts.Length; take >= 1; take--)
        {
            var mainText = string.Join(", ", parts.Take(take));
            foreach (var main in MainTerms(mainText, take == 1))
            {
                var node = main;
                foreach (var part in parts.Skip(take))
                {
                    node = Child(node, part);
                    if (node is null) break;
                }
                if (node is not null)
                {
                    var codes = node.Codes.Where(c => c.Role == "code").Select(c => c.Code).ToList();
                    if (codes.Count > 0) return codes;
                }
            }
        }
        return [];
    }

    private IEnumerable<IndexEntry> MainTerms(string text, bool byFirstWord)
    {
        if (_byPath.TryGetValue(Key([text]), out var exact)) yield return exact;
        if (byFirstWord && _mainByFirstWord.TryGetValue(Normal(text), out var list))
            foreach (var e in list.Where(e => e != exact)) yield return e;
    }

    private IndexEntry? Child(IndexEntry parent, string title)
    {
        if (!_children.TryGetValue(Key(parent.Path), out var children)) return null;
        var wanted = Normal(title);
        return children.FirstOrDefault(c => Normal(c.Path[^1]) == wanted)
            ?? children.FirstOrDefault(c => Normal(c.Path[^1]).Split(',')[0].Trim() == wanted);
    }

    private static string Key(IEnumerable<string> path) => string.Join('\u0001', path.Select(Normal));

    private static string Normal(string s) => s.Trim().ToLowerInvariant();
}
