using System.Globalization;
using System.Text.RegularExpressions;

namespace Coding.Core.Codebooks.Parsing;

/// <summary>
/// One row of the ICD-10-CM conversion table: a code, the day it took effect, and the code it was assigned to before
/// (null where the table names several codes, a range or a category in words: no single predecessor).
/// </summary>
public sealed record CodeConversion(string Code, DateOnly Effective, string? Previous);

/// <summary>
/// Reads the CDC's ICD-10-CM conversion table (<c>ICD-10-CM-CONVERSION-TABLE-FY2026.xlsx</c>: "Current code
/// assignment", "Effective", "Previous Code(s) Assignment"), which lists every code created since FY2016 with the code
/// it replaced. The effective column is a year (October 1 of it) or, for off-cycle codes, an Excel date.
/// </summary>
public static partial class ConversionTableParser
{
    public const string FilePattern = "*CONVERSION-TABLE*.xlsx";

    /// <summary>The conversion table in an ICD-10-CM release folder (e.g. icd10cm-2026/), or null when the release ships none.</summary>
    public static string? Find(string releaseFolder) =>
        Directory.Exists(releaseFolder) ? Directory.EnumerateFiles(releaseFolder, FilePattern).Order(StringComparer.Ordinal).FirstOrDefault() : null;

    public static List<CodeConversion> Read(string path) => Parse(XlsxSheetReader.ReadFirstSheet(path));

    internal static List<CodeConversion> Parse(IEnumerable<string[]> rows)
    {
        var result = new List<CodeConversion>();
        var header = false;
        foreach (var row in rows)
        {
            var code = row.Length > 0 ? row[0].Trim() : "";
            if (!header)
            {
                header = code.StartsWith("Current code", StringComparison.OrdinalIgnoreCase);
                continue;
            }
            if (!Code().IsMatch(code) || row.Length < 3 || Effective(row[1]) is not { } effective)
                continue;
            var previous = row[2].Trim();
            result.Add(new CodeConversion(code, effective, Code().IsMatch(previous) ? previous : null));
        }
        if (!header)
            throw new FormatException("conversion table: no 'Current code assignment' header row");
        return result;
    }

    private static DateOnly? Effective(string cell)
    {
        if (!double.TryParse(cell.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            return null;
        // A year means October 1 of it; a larger number is an Excel serial date (the April and January releases).
        return value is >= 2000 and < 2100 ? new DateOnly((int)value, 10, 1) : value > 20000 ? DateOnly.FromDateTime(DateTime.FromOADate(value)) : null;
    }

    [GeneratedRegex(@"^[A-Z][0-9][0-9A-Z](\.[0-9A-Z]{1,4})?$")]
    private static partial Regex Code();
}
