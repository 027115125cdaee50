namespace Coding.Core.Codebooks.Parsing;

/// <summary>A code on the CMS present-on-admission exempt list, without its dot ("B900"), with the list's title.</summary>
public sealed record PoaExemptEntry(string Code, string Title);

/// <summary>
/// The CMS/CDC POA-exempt list (POAexemptCodesFYyy.txt; also its Add and Delete files): tab-separated with a header line
/// naming the columns. The column is found by its header ("POAexemptCode"), because the full list and the Add file put an
/// "Order26" column first and the Delete file does not. Codes carry their dot ("B90.0", "QA0.0101"); titles that
/// contain a comma are quoted as in a CSV export.
/// </summary>
public static class PoaExemptParser
{
    public const string CodeColumn = "POAexemptCode";

    public static IReadOnlyList<PoaExemptEntry> Read(TextReader reader)
    {
        var header = reader.ReadLine()?.Split('\t') ?? throw new FormatException("POA-exempt file is empty");
        var codeAt = Array.FindIndex(header, h => h.Trim() == CodeColumn);
        if (codeAt < 0) throw new FormatException($"POA-exempt header has no {CodeColumn} column: '{string.Join(" | ", header)}'");
        var titleAt = Array.FindIndex(header, h => h.Trim() == "Description");

        var entries = new List<PoaExemptEntry>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var lineNumber = 1;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Trim().Length == 0) continue;
            var fields = line.Split('\t');
            if (fields.Length <= codeAt)
                throw new FormatException($"POA-exempt line {lineNumber}: {fields.Length} fields, the code is in field {codeAt + 1}");
            var code = CodeFormat.Normalize(fields[codeAt]);
            if (code.Length is < 3 or > 7 || !code.All(char.IsAsciiLetterOrDigit))
                throw new FormatException($"POA-exempt line {lineNumber}: '{fields[codeAt]}' is not an ICD-10-CM code");
            // The official list names each code once; a repeat would only double-count the report, never change the set.
            if (!seen.Add(code)) continue;
            var title = titleAt >= 0 && titleAt < fields.Length ? Unquote(fields[titleAt].Trim()) : "";
            entries.Add(new PoaExemptEntry(code, title));
        }
        return entries;
    }

    public static IReadOnlyList<PoaExemptEntry> ReadFile(string path)
    {
        using var reader = new StreamReader(path);
        return Read(reader);
    }

    private static string Unquote(string s) =>
        s.Length >= 2 && s[0] == '"' && s[^1] == '"' ? s[1..^1].Replace("\"\"", "\"", StringComparison.Ordinal) : s;
}
