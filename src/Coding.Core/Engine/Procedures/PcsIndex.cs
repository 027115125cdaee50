using System.Xml.Linq;

namespace Coding.Core.Engine.Procedures;

/// <summary>
/// The ICD-10-PCS Index as a coder reads it: a main term (a root operation such as "Resection", a procedure name such as
/// "Appendectomy" or an imaging type such as "Computerized Tomography (CT Scan)"), subterms naming the site, and at the
/// end the code: a whole code ("Plain Radiography - Abdomen" → BW00ZZZ), the first four characters ("Computerized
/// Tomography (CT Scan) - Abdomen" → BW20, the rest to be chosen from the Table) or a 3-character table. Cross-references
/// without a code ("Echography see Ultrasonography", "Biopsy see Excision with qualifier Diagnostic") are kept as aliases of the
/// main term they name; "use" entries ("Abdominal cavity use Peritoneal Cavity") as other words for a site.
/// </summary>
public sealed class PcsIndex
{
    public required IReadOnlyList<PcsIndexTerm> MainTerms { get; init; }

    /// <summary>Main term title (lower case) → the titles of main terms whose words lead to it ("ultrasonography" → ["echography"]).</summary>
    public required IReadOnlyDictionary<string, IReadOnlyList<string>> Aliases { get; init; }

    /// <summary>Site named by a "use" entry (lower case) → the other names of that site ("peritoneal cavity" → ["abdominal cavity"]).</summary>
    public required IReadOnlyDictionary<string, IReadOnlyList<string>> SiteSynonyms { get; init; }

    public static PcsIndex Load(string path)
    {
        using var stream = File.OpenRead(path);
        return Parse(XDocument.Load(stream));
    }

    public static PcsIndex Parse(XDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var mainTerms = new List<PcsIndexTerm>();
        var aliases = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var synonyms = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var main in document.Descendants("mainTerm"))
        {
            var term = Term(main);
            mainTerms.Add(term);
            // A main term whose only content is a cross-reference to another main term, without a code: its words lead there.
            foreach (var see in main.Elements("see").Concat(main.Elements("term").Where(t => t.Element("title") is null).Elements("see")))
            {
                if (see.Elements().Any()) continue;
                var target = see.Value.Split(" with qualifier ", 2)[0].Split(',')[0].Trim().ToLowerInvariant();
                Add(aliases, target, term.Title.ToLowerInvariant());
            }
            foreach (var use in main.Elements("use").Concat(main.Elements("term").Where(t => t.Element("title") is null).Elements("use")))
                Add(synonyms, use.Value.Trim().ToLowerInvariant(), term.Title.ToLowerInvariant());
        }
        return new PcsIndex
        {
            MainTerms = mainTerms,
            Aliases = aliases.ToDictionary(e => e.Key, e => (IReadOnlyList<string>)e.Value, StringComparer.Ordinal),
            SiteSynonyms = synonyms.ToDictionary(e => e.Key, e => (IReadOnlyList<string>)e.Value, StringComparer.Ordinal),
        };
    }

    private static void Add(Dictionary<string, List<string>> map, string key, string value)
    {
        if (!map.TryGetValue(key, out var list)) map[key] = list = [];
        if (!list.Contains(value)) list.Add(value);
    }

    private static PcsIndexTerm Term(XElement element)
    {
        var title = element.Element("title")?.Value.Trim() ?? "";
        var codes = new List<string>();
        void Take(XElement e)
        {
            foreach (var c in e.Elements("code").Concat(e.Elements("codes")).Concat(e.Elements("tab")))
                codes.Add(c.Value.Trim().ToUpperInvariant());
            foreach (var see in e.Elements("see"))
                foreach (var c in see.Elements("code").Concat(see.Elements("codes")).Concat(see.Elements("tab")))
                    codes.Add(c.Value.Trim().ToUpperInvariant());
        }
        Take(element);
        var children = new List<PcsIndexTerm>();
        foreach (var child in element.Elements("term"))
        {
            // An untitled subterm ("Appendectomy - see Excision, Appendix 0DBJ") is one more code of its parent.
            if (child.Element("title") is null) Take(child);
            else children.Add(Term(child));
        }
        return new PcsIndexTerm(title, codes, children);
    }
}

/// <summary>One main term or subterm: its title, the codes (3, 4 or 7 characters) it gives, its subterms.</summary>
public sealed record PcsIndexTerm(string Title, IReadOnlyList<string> Codes, IReadOnlyList<PcsIndexTerm> Children);
