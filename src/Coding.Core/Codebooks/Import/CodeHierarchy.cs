using Coding.Core.Codebooks.Parsing;
using Coding.Core.Suggestions;

namespace Coding.Core.Codebooks.Import;

/// <summary>
/// Places each code of a release in its hierarchy. The order files carry no chapters or blocks, so ICD-10-CM takes
/// them from the Tabular List's section ranges (the newest Tabular at hand; ranges rarely move between years).
/// Parents are the nearest header that exists in the same release, so placeholder-X codes (T51.3X1A → T51.3X1) work.
/// </summary>
public static class CodeHierarchy
{
    public static List<CodebookCode> Build(CodeSystem system, int releaseId, IReadOnlyList<CodeEntry> entries, IReadOnlyList<TabularChapter>? chapters)
    {
        var known = new HashSet<string>(entries.Select(e => e.Code), StringComparer.Ordinal);
        var blocks = chapters?.SelectMany(c => c.Sections.Select(s => (Chapter: c.Number, Section: s))).OrderBy(b => b.Section.First, StringComparer.Ordinal).ToArray() ?? [];
        var blockCache = new Dictionary<string, (string? Chapter, string? Block)>(StringComparer.Ordinal);
        var codes = new List<CodebookCode>(entries.Count);
        foreach (var e in entries)
        {
            var row = new CodebookCode
            {
                ReleaseId = releaseId,
                System = system,
                Code = e.Code,
                ShortTitle = e.ShortTitle,
                Title = e.LongTitle,
                Billable = e.Billable,
                EffectiveFrom = e.EffectiveFrom,
                EffectiveTo = e.EffectiveTo,
            };
            switch (system)
            {
                case CodeSystem.Icd10Cm:
                    row.Category = e.Code.Length >= 3 ? e.Code[..3] : e.Code;
                    row.Kind = e.Code.Length == 3 ? CodeKind.Category : e.Billable ? CodeKind.Code : CodeKind.Subcategory;
                    row.Parent = NearestHeader(e.Code, known, minLength: 3);
                    if (!blockCache.TryGetValue(row.Category, out var place))
                        blockCache[row.Category] = place = FindBlock(blocks, row.Category);
                    (row.Chapter, row.Block) = place;
                    break;
                case CodeSystem.Icd10Pcs:
                    // PCS: character 1 is the section, characters 1-3 the table; the order file's headers are the tables.
                    row.Kind = e.Code.Length == 7 ? CodeKind.Code : CodeKind.Table;
                    row.Chapter = e.Code[..1];
                    row.Block = row.Category = e.Code.Length >= 3 ? e.Code[..3] : e.Code;
                    row.Parent = e.Code.Length > 3 && known.Contains(e.Code[..3]) ? e.Code[..3] : null;
                    break;
                default:
                    row.Kind = e.IsModifier ? CodeKind.Modifier : CodeKind.Code;
                    row.Chapter = e.IsModifier ? null : e.Code[..1];
                    break;
            }
            codes.Add(row);
        }
        return codes;
    }

    public static string? NearestHeader(string code, IReadOnlySet<string> known, int minLength)
    {
        for (var n = code.Length - 1; n >= minLength; n--)
            if (known.Contains(code[..n])) return code[..n];
        return null;
    }

    private static (string? Chapter, string? Block) FindBlock((string Chapter, TabularSection Section)[] blocks, string category)
    {
        foreach (var (chapter, section) in blocks)
            if (string.CompareOrdinal(section.First, category) <= 0 && string.CompareOrdinal(category, section.Last) <= 0)
                return (chapter, section.Id);
        return (null, null);
    }
}
