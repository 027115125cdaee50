using System.Xml.Linq;

namespace Coding.Core.Codebooks.Parsing;

public enum TabularNoteKind { InclusionTerm, Includes, Excludes1, Excludes2, CodeFirst, UseAdditionalCode, CodeAlso, Note, SevenChrNote, SevenChrDef }

public sealed record TabularNote(TabularNoteKind Kind, string Text);

public sealed record TabularSection(string Id, string First, string Last, string Title, IReadOnlyList<TabularNote> Notes);

public sealed record TabularChapter(string Number, string Title, IReadOnlyList<TabularSection> Sections, IReadOnlyList<TabularNote> Notes);

/// <summary>A code or header of the Tabular List (<c>diag</c>); <see cref="Code"/> is normalized.</summary>
public sealed record TabularDiag(string Code, string Title, string Chapter, string SectionId, string? Parent, IReadOnlyList<TabularNote> Notes);

public sealed record TabularList(int Year, IReadOnlyList<TabularChapter> Chapters, IReadOnlyList<TabularDiag> Diags);

/// <summary>
/// The CDC ICD-10-CM Tabular List XML (icd10cm_tabular_YYYY.xml): chapter → section → nested diag, each with
/// inclusion terms and instructional notes. The XML does not spell out 7th-character codes; their definitions stay
/// on the diag that declares them (sevenChrDef) and apply to its descendants.
/// </summary>
public static class TabularListParser
{
    public static TabularList Load(string path) => Parse(XDocument.Load(path, LoadOptions.None));

    public static TabularList Parse(XDocument doc)
    {
        var root = doc.Root ?? throw new FormatException("tabular XML has no root");
        if (root.Name.LocalName != "ICD10CM.tabular") throw new FormatException($"not a Tabular List XML (root {root.Name.LocalName})");
        var year = int.Parse(((string?)root.Element("version") ?? throw new FormatException("tabular XML has no <version>")).Trim());
        var chapters = new List<TabularChapter>();
        var diags = new List<TabularDiag>();
        foreach (var chapter in root.Elements("chapter"))
        {
            var number = Text(chapter.Element("name"));
            var sections = new List<TabularSection>();
            foreach (var section in chapter.Elements("section"))
            {
                var id = (string?)section.Attribute("id") ?? Text(section.Element("desc"));
                var (first, last) = SplitRange(id);
                sections.Add(new TabularSection(id, first, last, StripRange(Text(section.Element("desc"))), Notes(section)));
                foreach (var diag in section.Elements("diag"))
                    Walk(diag, number, id, null, diags);
            }
            chapters.Add(new TabularChapter(number, StripRange(Text(chapter.Element("desc"))), sections, Notes(chapter)));
        }
        return new TabularList(year, chapters, diags);
    }

    private static void Walk(XElement diag, string chapter, string section, string? parent, List<TabularDiag> into)
    {
        var code = CodeFormat.Normalize(Text(diag.Element("name")));
        into.Add(new TabularDiag(code, Text(diag.Element("desc")), chapter, section, parent, Notes(diag)));
        foreach (var child in diag.Elements("diag"))
            Walk(child, chapter, section, code, into);
    }

    private static List<TabularNote> Notes(XElement owner)
    {
        var notes = new List<TabularNote>();
        foreach (var e in owner.Elements())
        {
            TabularNoteKind? kind = e.Name.LocalName switch
            {
                "inclusionTerm" => TabularNoteKind.InclusionTerm,
                "includes" => TabularNoteKind.Includes,
                "excludes1" => TabularNoteKind.Excludes1,
                "excludes2" => TabularNoteKind.Excludes2,
                "codeFirst" => TabularNoteKind.CodeFirst,
                "useAdditionalCode" => TabularNoteKind.UseAdditionalCode,
                "codeAlso" => TabularNoteKind.CodeAlso,
                "notes" => TabularNoteKind.Note,
                "sevenChrNote" => TabularNoteKind.SevenChrNote,
                _ => null,
            };
            if (kind is { } k)
            {
                foreach (var note in e.Elements("note"))
                    notes.Add(new TabularNote(k, Text(note)));
            }
            else if (e.Name.LocalName == "sevenChrDef")
            {
                foreach (var ext in e.Elements("extension"))
                    notes.Add(new TabularNote(TabularNoteKind.SevenChrDef, $"{(string?)ext.Attribute("char")}: {Text(ext)}"));
            }
        }
        return notes;
    }

    /// <summary>Element text with whitespace collapsed (the XML is pretty-printed).</summary>
    internal static string Text(XElement? e) => e is null ? "" : Collapse(e.Value);

    internal static string Collapse(string s) => string.Join(' ', s.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static (string First, string Last) SplitRange(string id)
    {
        var dash = id.IndexOf('-');
        return dash < 0 ? (id, id) : (id[..dash], id[(dash + 1)..]);
    }

    /// <summary>"Intestinal infectious diseases (A00-A09)" → "Intestinal infectious diseases".</summary>
    private static string StripRange(string desc)
    {
        var open = desc.LastIndexOf(" (", StringComparison.Ordinal);
        return open > 0 && desc.EndsWith(')') ? desc[..open] : desc;
    }
}
