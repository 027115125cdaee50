using System.Xml.Linq;

namespace Coding.Core.Codebooks.Parsing;

/// <summary>A code an index entry points to. Role is "code", "manif" (etiology/manifestation: sequenced second),
/// "subcat"/"seecat" (a category that needs more characters), or a table column heading (drug and neoplasm tables).</summary>
public sealed record IndexCode(string Code, string Role);

/// <summary>One main term or subterm of an alphabetic index; <see cref="Path"/> runs from the main term to this term.</summary>
public sealed record IndexEntry(IReadOnlyList<string> Path, string? Nemod, IReadOnlyList<IndexCode> Codes, string? See, string? SeeAlso)
{
    /// <summary>"Diabetes, diabetic - type 2 - with - hyperglycemia (nemod)": the words a coder would look up, main term first.</summary>
    public string Text => Nemod is null ? string.Join(" - ", Path) : $"{string.Join(" - ", Path)} {Nemod}";
}

public sealed record IndexFile(int Year, string Title, IReadOnlyList<IndexEntry> Entries);

/// <summary>
/// The CDC alphabetic index XML family, which shares one schema (icd10cm-index-YYYY.xsd / drug-neoplasm xsd):
/// the Index to Diseases and Injuries, the External Cause Index, and the Drug and Neoplasm tables, whose
/// <c>cell col="n"</c> codes are labelled by the <c>indexHeading</c> columns.
/// </summary>
public static class IndexXmlParser
{
    public static IndexFile Load(string path) => Parse(XDocument.Load(path, LoadOptions.None));

    public static IndexFile Parse(XDocument doc)
    {
        var root = doc.Root ?? throw new FormatException("index XML has no root");
        if (root.Name.LocalName != "ICD10CM.index") throw new FormatException($"not an index XML (root {root.Name.LocalName})");
        var year = int.Parse(((string?)root.Element("version") ?? throw new FormatException("index XML has no <version>")).Trim());
        var headings = root.Element("indexHeading")?.Elements("head")
            .ToDictionary(h => (string?)h.Attribute("col") ?? "", h => TabularListParser.Text(h)) ?? [];
        var title = TabularListParser.Text(root.Element("title"));
        if (title.Length == 0 && headings.TryGetValue("1", out var first)) title = $"Table of {first}s";
        var entries = new List<IndexEntry>();
        foreach (var letter in root.Elements("letter"))
            foreach (var main in letter.Elements("mainTerm"))
                Walk(main, [], headings, entries);
        return new IndexFile(year, title, entries);
    }

    private static void Walk(XElement term, List<string> parentPath, Dictionary<string, string> headings, List<IndexEntry> into)
    {
        var (titleText, nemod) = SplitTitle(term.Element("title"));
        var path = new List<string>(parentPath) { titleText };
        var codes = new List<IndexCode>();
        foreach (var e in term.Elements())
        {
            switch (e.Name.LocalName)
            {
                case "code" or "manif" or "subcat" or "seecat":
                    codes.Add(new IndexCode(CodeFormat.Normalize(e.Value), e.Name.LocalName));
                    break;
                case "cell":
                    var value = e.Value.Trim();
                    // "--" marks an empty cell; a trailing "-" means "more characters needed", the code itself is the header.
                    if (value.Length > 0 && value != "--")
                        codes.Add(new IndexCode(CodeFormat.Normalize(value), headings.GetValueOrDefault((string?)e.Attribute("col") ?? "", "")));
                    break;
            }
        }
        var see = term.Element("see") is { } s ? TabularListParser.Text(s) : null;
        var seeAlso = term.Element("seeAlso") is { } sa ? TabularListParser.Text(sa) : null;
        into.Add(new IndexEntry(path, nemod, codes, see, seeAlso));
        foreach (var child in term.Elements("term"))
            Walk(child, path, headings, into);
    }

    /// <summary>A title holds its nonessential modifiers in &lt;nemod&gt;; words after them (e.g. "NEC") stay in the title.</summary>
    private static (string Title, string? Nemod) SplitTitle(XElement? title)
    {
        if (title is null) return ("", null);
        var text = string.Concat(title.Nodes().OfType<XText>().Select(t => t.Value));
        var nemod = string.Join(' ', title.Elements("nemod").Select(n => n.Value));
        return (TabularListParser.Collapse(text), nemod.Length == 0 ? null : TabularListParser.Collapse(nemod));
    }
}
