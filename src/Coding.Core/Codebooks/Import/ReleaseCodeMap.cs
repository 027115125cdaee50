namespace Coding.Core.Codebooks.Import;

/// <summary>
/// Maps a code named by an older file (Tabular or Index XML of an earlier year) onto a release: a code that still
/// exists maps to itself; one that was since expanded is redirected to its billable children in the release (capped, so
/// a stale category does not fan out into hundreds of codes); one with neither is dropped.
/// </summary>
public sealed class ReleaseCodeMap
{
    public const int MaxRedirects = 12;

    private readonly HashSet<string> _codes;
    private readonly string[] _sorted;
    private readonly HashSet<string> _billable;

    public ReleaseCodeMap(IEnumerable<(string Code, bool Billable)> codes)
    {
        var list = codes.ToList();
        _codes = new HashSet<string>(list.Select(c => c.Code), StringComparer.Ordinal);
        _billable = new HashSet<string>(list.Where(c => c.Billable).Select(c => c.Code), StringComparer.Ordinal);
        _sorted = _codes.Order(StringComparer.Ordinal).ToArray();
    }

    public bool Contains(string code) => _codes.Contains(code);

    public IReadOnlyList<string> Map(string code)
    {
        if (code.Length == 0) return [];
        if (_codes.Contains(code)) return [code];
        var start = Array.BinarySearch(_sorted, code, StringComparer.Ordinal);
        if (start < 0) start = ~start;
        var children = new List<string>();
        for (var i = start; i < _sorted.Length && _sorted[i].StartsWith(code, StringComparison.Ordinal); i++)
        {
            if (!_billable.Contains(_sorted[i])) continue;
            children.Add(_sorted[i]);
            if (children.Count == MaxRedirects) break;
        }
        return children;
    }
}
