using System.Globalization;
using System.Text;

namespace Coding.Core.Codebooks.Parsing;

/// <summary>
/// CPT is licensed by the AMA, so the project ships no CPT file: the user supplies one exported from their licensed
/// data (or uses the demo set in codebooks/cpt-demo). Expected layout — a header row, tab- or comma-separated
/// (RFC 4180 quoting), column names case-insensitive:
/// <list type="bullet">
/// <item><c>code</c> (required): five characters, e.g. 99213 or 0001U.</item>
/// <item><c>description</c> or <c>long_description</c> (required): the descriptor.</item>
/// <item><c>short_description</c> (optional).</item>
/// <item><c>effective_from</c>, <c>effective_to</c> (optional, yyyy-MM-dd): per-code dates inside the release year.</item>
/// </list>
/// Every row is a reportable code. Lines starting with '#' are comments.
/// </summary>
public static class CptFileParser
{
    public static IReadOnlyList<CodeEntry> ReadFile(string path)
    {
        using var reader = new StreamReader(path);
        return Read(reader);
    }

    public static IReadOnlyList<CodeEntry> Read(TextReader reader)
    {
        string? headerLine;
        do headerLine = reader.ReadLine(); while (headerLine is not null && (headerLine.Length == 0 || headerLine.StartsWith('#')));
        if (headerLine is null) return [];
        var delimiter = headerLine.Contains('\t') ? '\t' : ',';
        var header = SplitLine(headerLine, delimiter).Select(h => h.Trim().ToLowerInvariant()).ToArray();
        int Find(params string[] names) => names.Select(n => Array.IndexOf(header, n)).FirstOrDefault(i => i >= 0, -1);
        var code = Find("code");
        var longDesc = Find("description", "long_description");
        var shortDesc = Find("short_description");
        var from = Find("effective_from");
        var to = Find("effective_to");
        if (code < 0 || longDesc < 0) throw new FormatException("CPT file needs a header row with at least 'code' and 'description' columns");

        var entries = new List<CodeEntry>();
        var lineNumber = 1;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var cells = SplitLine(line, delimiter);
            string Cell(int i) => i >= 0 && i < cells.Count ? cells[i].Trim() : "";
            var value = CodeFormat.Normalize(Cell(code));
            if (value.Length != 5) throw new FormatException($"CPT file line {lineNumber}: '{Cell(code)}' is not a five-character CPT code");
            var description = Cell(longDesc);
            var shortTitle = Cell(shortDesc);
            entries.Add(new CodeEntry(value, true, shortTitle.Length == 0 ? description : shortTitle, description, Date(Cell(from)), Date(Cell(to))));
        }
        return entries;
    }

    private static DateOnly? Date(string s) =>
        s.Length == 0 ? null : DateOnly.ParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    internal static List<string> SplitLine(string line, char delimiter)
    {
        var cells = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"') { cell.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else cell.Append(c);
            }
            else if (c == '"' && cell.Length == 0) quoted = true;
            else if (c == delimiter) { cells.Add(cell.ToString()); cell.Clear(); }
            else cell.Append(c);
        }
        cells.Add(cell.ToString());
        return cells;
    }
}
