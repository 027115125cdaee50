using Coding.Core.Evaluation;
using Coding.Core.Suggestions;

namespace Coding.Core.Reporting;

/// <summary>A group of codes a manager compares rates over: an ICD-10-CM chapter, an ICD-10-PCS section, CPT, HCPCS.</summary>
public sealed record CodeFamily(string Key, string Label)
{
    // ICD-10-PCS sections are the first character of the code; the ones a coder meets most get their own family.
    private static readonly Dictionary<char, string> PcsSections = new()
    {
        ['0'] = "Medical and Surgical",
        ['1'] = "Obstetrics",
        ['3'] = "Administration",
        ['4'] = "Measurement and Monitoring",
        ['5'] = "Extracorporeal Assistance",
        ['B'] = "Imaging",
        ['D'] = "Radiation Therapy",
        ['F'] = "Physical Rehabilitation",
        ['G'] = "Mental Health",
        ['H'] = "Substance Abuse Treatment",
        ['X'] = "New Technology",
    };

    public static CodeFamily Of(CodeSystem system, string code)
    {
        switch (system)
        {
            case CodeSystem.Icd10Cm:
                var chapter = IcdChapters.Of(CodeKey.Match(code));
                return chapter is null
                    ? new CodeFamily("cm-other", "ICD-10-CM (no chapter)")
                    : new CodeFamily($"cm-{chapter.Number:00}", $"CM {chapter.First}–{chapter.Last} {Short(chapter.Title)}");
            case CodeSystem.Icd10Pcs:
                var section = code.Length == 0 ? '?' : char.ToUpperInvariant(code[0]);
                return new CodeFamily($"pcs-{section}", $"PCS {section} {PcsSections.GetValueOrDefault(section, "other section")}");
            case CodeSystem.Cpt:
                return new CodeFamily("cpt", "CPT");
            default:
                return new CodeFamily("hcpcs", "HCPCS Level II");
        }
    }

    /// <summary>Chapter titles run to a hundred characters; a chart axis has room for the first words.</summary>
    private static string Short(string title)
    {
        var cut = title.IndexOfAny([',', ';']);
        var head = cut > 0 ? title[..cut] : title;
        return head.StartsWith("Diseases of the ", StringComparison.Ordinal) ? head["Diseases of the ".Length..] : head;
    }
}
