using System.Globalization;

namespace Coding.Core.Severity;

/// <summary>One payment year of one CMS-HCC model: which codes map to which HCCs, which HCC trumps which, and labels.</summary>
/// <param name="Mappings">(code without dot, HCC number); a code may map to two HCCs.</param>
/// <param name="Hierarchies">(parent, child): with the parent present, the child is dropped.</param>
/// <param name="Labels">HCC number → label and the community, non-dual, aged relative factor (CNA_HCCn), when published.</param>
public sealed record HccModel(
    int PaymentYear,
    string Model,
    IReadOnlyList<(string Code, int Hcc)> Mappings,
    IReadOnlyList<(int Parent, int Child)> Hierarchies,
    IReadOnlyDictionary<int, HccLabel> Labels);

public sealed record HccLabel(string Label, double? Factor);

/// <summary>
/// Reads the four CMS-HCC files (mapping, hierarchies, labels, coefficients) for one payment year and model (V28).
/// The mapping file has one row per (code, HCC) and, for some codes, a row of "--" flags beside the real one: only rows
/// flagged "Yes" for the model count. Every mapped HCC must have a label and every hierarchy must name labelled HCCs,
/// otherwise the release is refused.
/// </summary>
public static class HccFilesParser
{
    public const string MappingFile = "icd10cm_hcc_mappings.csv";
    public const string HierarchyFile = "ra_hierarchies_2026.csv";
    public const string LabelFile = "ra_labels_2026.csv";
    public const string CoefficientFile = "ra_coefficients_2026.csv";

    public static HccModel ReadFolder(string folder, int paymentYear = 2026, string model = "V28")
    {
        var mappings = ReadMappings(Path.Combine(folder, MappingFile), paymentYear, model);
        var version = model.TrimStart('V');
        var hierarchies = Rows(Path.Combine(folder, HierarchyFile))
            .Where(r => r[2] == "CMS-HCC" && r[3] == model)
            .Select(r => (Int(r[0]), Int(r[1]))).Distinct().ToList();
        var factors = Rows(Path.Combine(folder, CoefficientFile))
            .Where(r => r[2] == "CMS-HCC" && r[3] == "C" + version && r[0].StartsWith("CNA_HCC", StringComparison.Ordinal))
            .ToDictionary(r => Int(r[0]["CNA_HCC".Length..]), r => double.Parse(r[1], CultureInfo.InvariantCulture));
        var labels = Rows(Path.Combine(folder, LabelFile))
            .Where(r => r[2] == "CMS-HCC" && r[3] == model && r[0].StartsWith("HCC", StringComparison.Ordinal))
            .ToDictionary(r => Int(r[0][3..]), r => new HccLabel(r[1], factors.TryGetValue(Int(r[0][3..]), out var f) ? f : null));

        if (mappings.Count == 0) throw new FormatException($"{MappingFile}: no {model} rows for payment year {paymentYear}");
        var unlabelled = mappings.Select(m => m.Hcc).Concat(hierarchies.SelectMany(h => new[] { h.Item1, h.Item2 }))
            .Where(h => !labels.ContainsKey(h)).Distinct().Order().ToList();
        if (unlabelled.Count > 0)
            throw new FormatException($"{model} HCCs without a label in {LabelFile}: {string.Join(", ", unlabelled)}");
        return new HccModel(paymentYear, model, mappings, hierarchies, labels);
    }

    private static List<(string Code, int Hcc)> ReadMappings(string path, int paymentYear, string model)
    {
        var header = File.ReadLines(path).First().Split(',');
        var hccColumn = Array.IndexOf(header, $"cms_hcc_{model.ToLowerInvariant()}");
        var flagColumn = Array.IndexOf(header, $"cms_hcc_{model.ToLowerInvariant()}_flag");
        if (header[0] != "payment_year" || header[1] != "diagnosis_code" || hccColumn < 0 || flagColumn < 0)
            throw new FormatException($"{Path.GetFileName(path)}: unexpected header {string.Join(',', header)}");
        var year = paymentYear.ToString(CultureInfo.InvariantCulture);
        return Rows(path)
            .Where(r => r[0] == year && r[flagColumn] == "Yes")
            .Select(r => (r[1].Replace(".", "").ToUpperInvariant(), Int(r[hccColumn])))
            .Distinct().ToList();
    }

    /// <summary>Data rows split on commas, a quoted field (labels have commas) kept whole.</summary>
    private static IEnumerable<string[]> Rows(string path) => File.ReadLines(path).Skip(1).Where(l => l.Length > 0).Select(Split);

    private static string[] Split(string line)
    {
        var fields = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { fields.Add(field.ToString()); field.Clear(); }
            else field.Append(c);
        }
        fields.Add(field.ToString());
        return [.. fields];
    }

    private static int Int(string s) => int.Parse(s, NumberStyles.None, CultureInfo.InvariantCulture);
}
