using System.Text;
using Coding.Core.Codebooks.Parsing;

namespace Coding.Core.Codebooks.Import;

public sealed record TabularChunk(string Category, int Part, string Heading, string Trail, string Text);

/// <summary>
/// One retrievable chunk per ICD-10-CM category: its title and the instructional notes of the category and every code
/// under it (Excludes1/2, code first, use additional code, code also, 7th characters), each line naming the code it
/// sits on. Inclusion terms are left out: they are searched as terms. Codes absent from the target release are skipped.
/// </summary>
public static class TabularChunker
{
    public const int MaxChars = 3000;

    public static IEnumerable<TabularChunk> Build(TabularList tabular, Func<string, bool> existsInRelease)
    {
        var chapterOf = tabular.Chapters.SelectMany(c => c.Sections.Select(s => (s.Id, c))).ToDictionary(x => x.Id, x => x.c);
        foreach (var group in tabular.Diags.GroupBy(d => d.Code.Length >= 3 ? d.Code[..3] : d.Code))
        {
            var category = group.First();
            if (!existsInRelease(category.Code)) continue;
            var lines = new List<string>();
            foreach (var diag in group)
            {
                if (!existsInRelease(diag.Code)) continue;
                foreach (var kind in diag.Notes.Where(n => n.Kind != TabularNoteKind.InclusionTerm).GroupBy(n => n.Kind))
                    lines.Add($"{CodeFormat.Display(Suggestions.CodeSystem.Icd10Cm, diag.Code)} {Label(kind.Key)}: {string.Join("; ", kind.Select(n => n.Text))}");
            }
            if (lines.Count == 0) continue;
            var chapter = chapterOf.GetValueOrDefault(category.SectionId);
            var heading = $"{category.Code} {category.Title}";
            var trail = chapter is null ? heading : $"Chapter {chapter.Number}: {chapter.Title} > {category.SectionId} > {heading}";
            var part = 1;
            var text = new StringBuilder(heading).Append('\n');
            foreach (var line in lines)
            {
                if (text.Length + line.Length > MaxChars && text.Length > heading.Length + 1)
                {
                    yield return new TabularChunk(category.Code, part++, heading, trail, text.ToString().TrimEnd());
                    text.Clear().Append(heading).Append(" (continued)\n");
                }
                text.Append(line).Append('\n');
            }
            yield return new TabularChunk(category.Code, part, heading, trail, text.ToString().TrimEnd());
        }
    }

    public static string Label(TabularNoteKind kind) => kind switch
    {
        TabularNoteKind.Includes => "Includes",
        TabularNoteKind.Excludes1 => "Excludes1",
        TabularNoteKind.Excludes2 => "Excludes2",
        TabularNoteKind.CodeFirst => "Code first",
        TabularNoteKind.UseAdditionalCode => "Use additional code",
        TabularNoteKind.CodeAlso => "Code also",
        TabularNoteKind.SevenChrNote => "7th character note",
        TabularNoteKind.SevenChrDef => "7th characters",
        TabularNoteKind.Note => "Note",
        _ => "Inclusion term",
    };
}
