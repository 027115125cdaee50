using Coding.Core.Codebooks;

namespace Coding.UnitTests.Severity;

/// <summary>
/// The CMS files read the plain way, by column position and comma split, apart from the parsers under test, so that
/// the agreement tests compare the code's answers with what the files say rather than with the code's own reading.
/// </summary>
internal static class CmsFiles
{
    public static readonly string Root = CodebookSources.ResolveRoot() ?? throw new InvalidOperationException("../shared/codebooks not found");
    public static string AppendixC => Path.Combine(Root, "msdrg-v43", "appendix_C_cc_mcc.txt");
    public static string HccFolder => Path.Combine(Root, "cms-hcc-2026");

    /// <summary>Part 1 rows by fixed columns: code 1–8, level 9–12, PDX collection 13–16 (or "No Excl").</summary>
    public static readonly Lazy<Dictionary<string, (string Level, string Collection)>> Part1 = new(() =>
    {
        var rows = new Dictionary<string, (string, string)>();
        var inPart1 = false;
        foreach (var line in File.ReadLines(AppendixC))
        {
            if (line.StartsWith(" I10 Dx", StringComparison.Ordinal)) { inPart1 = true; continue; }
            if (line.StartsWith("PDX collection", StringComparison.Ordinal)) break;
            if (inPart1 && line.Length > 30) rows[line.Substring(1, 8).Trim()] = (line.Substring(9, 4).Trim(), line.Substring(13, 4));
        }
        return rows;
    });

    public static readonly Lazy<Dictionary<string, List<string>>> Collections = new(() =>
    {
        var all = new Dictionary<string, List<string>>();
        List<string>? current = null;
        foreach (var line in File.ReadLines(AppendixC))
        {
            if (line.StartsWith("Appendix C Part 2", StringComparison.Ordinal)) break;
            if (line.StartsWith("PDX collection ", StringComparison.Ordinal)) all[line.Substring(15, 4)] = current = [];
            else if (current is not null && line.StartsWith("  ", StringComparison.Ordinal)) current.Add(line.Substring(2, 8).Trim());
        }
        return all;
    });

    /// <summary>Payment year 2026 rows flagged Yes for V28: code → HCCs.</summary>
    public static readonly Lazy<Dictionary<string, HashSet<int>>> V28 = new(() => File.ReadLines(Path.Combine(HccFolder, "icd10cm_hcc_mappings.csv"))
        .Select(l => l.Split(','))
        .Where(f => f[0] == "2026" && f[5] == "Yes")
        .GroupBy(f => f[1])
        .ToDictionary(g => g.Key, g => g.Select(f => int.Parse(f[4])).ToHashSet()));

    public static readonly Lazy<List<(int Parent, int Child)>> V28Hierarchies = new(() => File.ReadLines(Path.Combine(HccFolder, "ra_hierarchies_2026.csv"))
        .Select(l => l.Split(','))
        .Where(f => f.Length == 5 && f[2] == "CMS-HCC" && f[3] == "V28")
        .Select(f => (int.Parse(f[0]), int.Parse(f[1]))).ToList());

    public static IEnumerable<string> AllFy2026Codes() =>
        File.ReadLines(Path.Combine(Root, "icd10cm-2026", "icd10cm_codes_2026.txt")).Select(l => l[..8].Trim());
}
