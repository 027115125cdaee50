using System.Globalization;

namespace Coding.Core.Codebooks.Parsing;

/// <summary>
/// CMS Alpha-Numeric HCPCS file (HCPCYYYY_MMM_ANWEB): one row per record, columns named in the header row
/// (HCPC, SEQNUM, RECID, LONG DESCRIPTION, SHORT DESCRIPTION, ..., ADD DT, ACT EFF DT, TERM DT, ACTION CD).
/// RECID 3 starts a procedure, 4 continues its long description; 7 starts a modifier, 8 continues it.
/// Read from the official .xlsx or from a tab-separated export of its first sheet.
/// </summary>
public static class HcpcsFileParser
{
    public static IReadOnlyList<CodeEntry> ReadFile(string path) =>
        Parse(path.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase) ? XlsxSheetReader.ReadFirstSheet(path) : ReadTsv(path));

    public static IReadOnlyList<CodeEntry> Parse(IEnumerable<string[]> rows)
    {
        using var e = rows.GetEnumerator();
        if (!e.MoveNext()) return [];
        var header = e.Current.Select(h => h.Trim().ToUpperInvariant()).ToArray();
        int Col(string name) => Array.IndexOf(header, name) is var i and >= 0 ? i : throw new FormatException($"HCPCS file has no '{name}' column");
        int code = Col("HCPC"), recId = Col("RECID"), longDesc = Col("LONG DESCRIPTION"), shortDesc = Col("SHORT DESCRIPTION"),
            addDate = Col("ADD DT"), termDate = Col("TERM DT");

        var entries = new List<CodeEntry>();
        while (e.MoveNext())
        {
            var row = e.Current;
            string Cell(int i) => i < row.Length ? row[i] : "";
            var value = CodeFormat.Normalize(Cell(code));
            if (value.Length == 0) continue;
            var rec = Cell(recId).Trim();
            if (rec is "4" or "8")
            {
                // Continuation of the previous record's long description.
                if (entries.Count > 0 && entries[^1].Code == value)
                    entries[^1] = entries[^1] with { LongTitle = $"{entries[^1].LongTitle} {Cell(longDesc).Trim()}" };
                continue;
            }
            var isModifier = rec == "7";
            var shortTitle = Cell(shortDesc).Trim();
            var longTitle = Cell(longDesc).Trim();
            entries.Add(new CodeEntry(value, Billable: !isModifier, shortTitle, longTitle.Length == 0 ? shortTitle : longTitle,
                Date(Cell(addDate)), Date(Cell(termDate)), isModifier));
        }
        return entries;
    }

    private static IEnumerable<string[]> ReadTsv(string path)
    {
        foreach (var line in File.ReadLines(path))
            yield return line.Split('\t');
    }

    private static DateOnly? Date(string value) =>
        DateOnly.TryParseExact(value.Trim(), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
}
