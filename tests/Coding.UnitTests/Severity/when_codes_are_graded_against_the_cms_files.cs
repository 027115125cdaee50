using Coding.Core.Severity;

namespace Coding.UnitTests.Severity;

/// <summary>
/// Issue 21's target: every CC/MCC and HCC flag agrees with the CMS files. The codes are picked across all chapters
/// (every 250th FY2026 code, every 90th appendix C row), each CC/MCC is graded under a principal from its own PDX
/// collection and under one outside it, and every V28 hierarchy pair is graded with a code of each side. The expected
/// values come from <see cref="CmsFiles"/>, which reads the raw lines by position, not through the parsers.
/// </summary>
public class when_codes_are_graded_against_the_cms_files
{
    private static readonly Lazy<SeverityTable> Table = new(() =>
        new SeverityTable(AppendixCParser.ReadFile(CmsFiles.AppendixC), HccFilesParser.ReadFolder(CmsFiles.HccFolder), "v43", "V28 PY2026"));

    /// <summary>Every 250th FY2026 code (about 300, all chapters) and every 90th appendix C part 1 row (about 200).</summary>
    public static List<string> Picked() =>
        CmsFiles.AllFy2026Codes().Where((_, i) => i % 250 == 0)
            .Concat(CmsFiles.Part1.Value.Keys.Where((_, i) => i % 90 == 0))
            .Distinct().ToList();

    [Fact]
    public void the_pick_covers_at_least_200_codes_from_every_chapter_letter()
    {
        var picked = Picked();
        Assert.True(picked.Count >= 200, $"{picked.Count} codes");
        Assert.Equal(26 - 1, picked.Select(c => c[0]).Distinct().Count()); // no U codes are reported in FY2026 apart from U07-U09
        Assert.Contains(picked, c => CmsFiles.Part1.Value.TryGetValue(c, out var r) && r.Level == "MCC");
        Assert.Contains(picked, c => CmsFiles.V28.Value.ContainsKey(c));
    }

    [Fact]
    public void a_secondary_code_has_the_cc_or_mcc_level_of_appendix_c_part_1_and_none_when_it_is_not_listed()
    {
        var wrong = new List<string>();
        foreach (var code in Picked())
        {
            var expected = CmsFiles.Part1.Value.TryGetValue(code, out var row) ? row.Level : "";
            var graded = Table.Value.Grade(["Z0000", code], principal: "Z0000").Codes.Single(c => c.Code == code);
            var actual = graded.Level switch { CcMccLevel.Mcc => "MCC", CcMccLevel.Cc => "CC", _ => "" };
            if (actual != expected) wrong.Add($"{code}: file {expected}, graded {actual}");
        }
        Assert.Empty(wrong);
    }

    [Fact]
    public void a_cc_or_mcc_does_not_count_with_a_principal_from_its_pdx_collection_and_counts_with_one_outside_it()
    {
        var wrong = new List<string>();
        var checkedCodes = 0;
        foreach (var code in Picked().Where(c => CmsFiles.Part1.Value.ContainsKey(c)))
        {
            var (level, collection) = CmsFiles.Part1.Value[code];
            var tierIfCounted = level == "MCC" ? SeverityTier.WithMcc : SeverityTier.WithCc;
            var excluding = collection == "No E" ? [] : CmsFiles.Collections.Value[collection];
            // Z00.00 (general exam) or, when it is in the list, R69 (illness, unspecified): both non-CC principals.
            var outside = new[] { "Z0000", "R69", "Z0001" }.First(p => !excluding.Contains(p));
            var counted = Table.Value.Grade([outside, code], outside);
            if (counted.Tier != tierIfCounted) wrong.Add($"{code} under {outside}: {counted.Tier}, expected {tierIfCounted}");
            foreach (var principal in excluding.Where((_, i) => i % Math.Max(1, excluding.Count / 3) == 0).Take(3))
            {
                checkedCodes++;
                var excluded = Table.Value.Grade([principal, code], principal);
                var secondary = excluded.Codes.Single(c => c.Code == code);
                if (principal == code) { if (!secondary.IsPrincipal) wrong.Add($"{code} as its own principal"); continue; }
                if (secondary.CountsAsCcMcc || secondary.ExcludedBy != principal)
                    wrong.Add($"{code} under {principal} (collection {collection}) still counts");
            }
        }
        Assert.True(checkedCodes >= 150, $"{checkedCodes} exclusions checked");
        Assert.Empty(wrong);
    }

    [Fact]
    public void a_code_alone_captures_the_v28_hccs_of_payment_year_2026_less_those_its_own_hccs_trump()
    {
        var wrong = new List<string>();
        foreach (var code in Picked().Concat(CmsFiles.V28.Value.Keys.Where((_, i) => i % 40 == 0)).Distinct())
        {
            var mapped = CmsFiles.V28.Value.GetValueOrDefault(code) ?? [];
            var expected = mapped.Where(h => !CmsFiles.V28Hierarchies.Value.Any(p => p.Child == h && mapped.Contains(p.Parent))).Order();
            var actual = Table.Value.Grade([code], code).Hccs.Select(h => h.Hcc);
            if (!expected.SequenceEqual(actual)) wrong.Add($"{code}: file {string.Join('/', expected)}, graded {string.Join('/', actual)}");
        }
        Assert.Empty(wrong);
    }

    [Fact]
    public void with_both_sides_of_a_v28_hierarchy_captured_only_the_parent_hcc_is_kept()
    {
        var byHcc = CmsFiles.V28.Value.Where(kv => kv.Value.Count == 1).GroupBy(kv => kv.Value.Single()).ToDictionary(g => g.Key, g => g.First().Key);
        var wrong = new List<string>();
        var pairs = 0;
        foreach (var (parent, child) in CmsFiles.V28Hierarchies.Value)
        {
            if (!byHcc.TryGetValue(parent, out var parentCode) || !byHcc.TryGetValue(child, out var childCode)) continue;
            pairs++;
            var graded = Table.Value.Grade([childCode, parentCode], childCode);
            var captured = graded.Hccs.Select(h => h.Hcc).ToList();
            if (!captured.Contains(parent) || captured.Contains(child))
                wrong.Add($"HCC {parent} ({parentCode}) over {child} ({childCode}): captured {string.Join('/', captured)}");
            if (!graded.Codes.Single(c => c.Code == childCode).HccsTrumped.Contains(child)) wrong.Add($"{childCode} not marked trumped by {parent}");
        }
        Assert.True(pairs >= 140, $"{pairs} hierarchy pairs");
        Assert.Empty(wrong);
    }
}
