namespace Coding.Core.Codebooks.Parsing;

/// <summary>
/// CMS order files for ICD-10-CM and ICD-10-PCS (the same fixed-width layout, see icd10OrderFiles.pdf):
/// order number 1-5, code 7-13 (left aligned, no dot), header/billable flag 15 (0 = header, 1 = valid for submission),
/// short title 17-76, long title from 78.
/// </summary>
public static class OrderFileParser
{
    public static IEnumerable<CodeEntry> Read(TextReader reader)
    {
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0) continue;
            yield return ParseLine(line, lineNumber);
        }
    }

    public static IReadOnlyList<CodeEntry> ReadFile(string path)
    {
        using var reader = new StreamReader(path);
        return Read(reader).ToList();
    }

    internal static CodeEntry ParseLine(string line, int lineNumber)
    {
        if (line.Length < 17 || line[5] != ' ' || line[13] != ' ')
            throw new FormatException($"order file line {lineNumber}: not in the fixed-width order-file layout");
        var code = line.Substring(6, 7).TrimEnd();
        var billable = line[14] switch
        {
            '1' => true,
            '0' => false,
            _ => throw new FormatException($"order file line {lineNumber}: flag at column 15 is '{line[14]}', expected 0 or 1"),
        };
        var shortTitle = Field(line, 16, 60);
        var longTitle = line.Length > 77 ? line[77..].Trim() : shortTitle;
        return new CodeEntry(code, billable, shortTitle, longTitle.Length == 0 ? shortTitle : longTitle);
    }

    internal static string Field(string line, int start, int length) =>
        start >= line.Length ? "" : line.Substring(start, Math.Min(length, line.Length - start)).Trim();
}
