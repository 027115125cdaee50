using System.Text.RegularExpressions;
using Coding.Core.Suggestions;

namespace Coding.Core.Codebooks.Import;

/// <summary>The official files that make up one release, found by their CMS/CDC file names.</summary>
public sealed record ReleasePlan(
    CodeSystem System,
    int Year,
    string MainFile,
    string? AddendaFile = null,
    string? TabularFile = null,
    string? IndexFile = null,
    string? ExternalCauseFile = null,
    string? DrugFile = null,
    string? NeoplasmFile = null,
    string? GuidelinesFile = null,
    string? PoaExemptFile = null);

/// <summary>
/// Finds releases under the source root by official file names, in any sub-folder, so a newer year's files only have
/// to be dropped in: icd10cm_order_YYYY.txt, icd10pcs_order_YYYY.txt, HCPCYYYY_MMM_ANWEB.xlsx|tsv. An ICD-10-CM release
/// borrows the newest Tabular/Index/Drug/Neoplasm/E-index XML of its own year or earlier (the files of a later year
/// would describe codes the release does not have); partial files (e.g. "_ch2") are ignored. The POA-exempt list is
/// read only for its own year: a list names the codes of one fiscal year.
/// </summary>
public static partial class CodebookCatalog
{
    public static IReadOnlyList<ReleasePlan> Discover(string root)
    {
        var files = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).ToList();
        var plans = new List<ReleasePlan>();

        var xml = new Dictionary<string, List<(int Year, string Path)>>();
        foreach (var f in files)
        {
            var m = SupplementXml().Match(Path.GetFileName(f));
            if (!m.Success) continue;
            var kind = m.Groups["kind"].Value.ToLowerInvariant();
            if (!xml.TryGetValue(kind, out var list)) xml[kind] = list = [];
            list.Add((int.Parse(m.Groups["year"].Value), f));
        }
        string? Newest(string kind, int year) =>
            xml.TryGetValue(kind, out var list) ? list.Where(x => x.Year <= year).OrderByDescending(x => x.Year).Select(x => x.Path).FirstOrDefault() : null;

        foreach (var f in files)
        {
            var name = Path.GetFileName(f);
            var dir = Path.GetDirectoryName(f)!;
            if (CmOrder().Match(name) is { Success: true } cm)
            {
                var year = int.Parse(cm.Groups["year"].Value);
                plans.Add(new ReleasePlan(CodeSystem.Icd10Cm, year, f,
                    AddendaFile: Existing(Path.Combine(dir, $"icd10cm_order_addenda_{year}.txt")),
                    TabularFile: Newest("tabular", year),
                    IndexFile: Newest("index", year),
                    ExternalCauseFile: Newest("eindex", year),
                    DrugFile: Newest("drug", year),
                    NeoplasmFile: Newest("neoplasm", year),
                    GuidelinesFile: Directory.EnumerateFiles(dir, "*Guidelines*.txt").FirstOrDefault(),
                    PoaExemptFile: PoaExempt(dir, year)));
            }
            else if (PcsOrder().Match(name) is { Success: true } pcs)
            {
                var year = int.Parse(pcs.Groups["year"].Value);
                plans.Add(new ReleasePlan(CodeSystem.Icd10Pcs, year, f,
                    AddendaFile: Existing(Path.Combine(dir, $"order_addenda_{year}.txt")) ?? Existing(Path.Combine(dir, $"icd10pcs_order_addenda_{year}.txt"))));
            }
        }

        // HCPCS ships quarterly; the latest quarter of a year supersedes the earlier ones. The official .xlsx wins over a TSV export.
        var hcpcs = files.Select(f => (Path: f, Match: Hcpcs().Match(Path.GetFileName(f)))).Where(x => x.Match.Success)
            .GroupBy(x => int.Parse(x.Match.Groups["year"].Value))
            .Select(g => g.OrderByDescending(x => Array.IndexOf(Months, x.Match.Groups["month"].Value.ToUpperInvariant()))
                .ThenByDescending(x => x.Path.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase)).First());
        plans.AddRange(hcpcs.Select(x => new ReleasePlan(CodeSystem.Hcpcs, int.Parse(x.Match.Groups["year"].Value), x.Path)));
        return plans.OrderBy(p => p.System).ThenByDescending(p => p.Year).ToList();
    }

    /// <summary>The year a CPT file is for: from its name (cpt_demo_2026.tsv, CPT2026.csv) unless given.</summary>
    public static int? CptYear(string path) => CptYearInName().Match(Path.GetFileName(path)) is { Success: true } m ? int.Parse(m.Value) : null;

    private static readonly string[] Months = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];

    private static string? Existing(string path) => File.Exists(path) ? path : null;

    /// <summary>CDC names the list by fiscal year's last two digits (POAexemptCodesFY26.txt); it ships in a zip of its own,
    /// so it is looked for in a poa-exempt folder beside the order file, or beside it.</summary>
    private static string? PoaExempt(string dir, int year)
    {
        var name = $"POAexemptCodesFY{year % 100:00}.txt";
        return Existing(Path.Combine(dir, "poa-exempt", name)) ?? Existing(Path.Combine(dir, name));
    }

    [GeneratedRegex(@"^icd10cm_order_(?<year>\d{4})\.txt$", RegexOptions.IgnoreCase)]
    private static partial Regex CmOrder();

    [GeneratedRegex(@"^icd10pcs_order_(?<year>\d{4})\.txt$", RegexOptions.IgnoreCase)]
    private static partial Regex PcsOrder();

    [GeneratedRegex(@"^HCPC(?<year>\d{4})_(?<month>[A-Za-z]{3})_ANWEB(_v\d+)?\.(tsv|xlsx)$", RegexOptions.IgnoreCase)]
    private static partial Regex Hcpcs();

    [GeneratedRegex(@"^(icd-10-cm-|icd10cm_|icd10cm-)(?<kind>tabular|index|eindex|drug|neoplasm)[-_](?<year>\d{4})\.xml$", RegexOptions.IgnoreCase)]
    private static partial Regex SupplementXml();

    [GeneratedRegex(@"20\d{2}")]
    private static partial Regex CptYearInName();
}
