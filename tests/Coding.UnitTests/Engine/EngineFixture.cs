using Coding.Core.Codebooks;
using Coding.Core.Codebooks.Parsing;
using Coding.Core.Engine.Lexicon;
using Coding.Core.Suggestions;
using Coding.UnitTests.Codebooks;

namespace Coding.UnitTests.Engine;

/// <summary>A lexicon built from real codebook excerpts: order-file titles as terms, Tabular notes of E11.</summary>
internal static class EngineFixture
{
    private static readonly Lazy<TermLexicon> Shared = new(Build);

    public static TermLexicon Lexicon => Shared.Value;

    private static TermLexicon Build()
    {
        var entries = OrderFileParser.ReadFile(Path.Combine(AppContext.BaseDirectory, "Engine", "Fixtures", "icd10cm_order_2026_engine_excerpt.txt"));
        var codes = entries.Select(e => new LexiconCode(e.Code, e.LongTitle, e.Billable, e.Code.Length > 3 ? e.Code[..^1] : null));
        var terms = entries.Select((e, i) => new LexiconTerm(i, e.Code, TermKind.Title, e.LongTitle));
        var tabular = TabularListParser.Load(Fixture.Path("icd10cm_tabular_2023_excerpt.xml"));
        var notes = tabular.Diags.SelectMany(d => d.Notes
            .Where(n => n.Kind == TabularNoteKind.Excludes1)
            .Select(n => new LexiconNote(d.Code, LexiconNoteKind.Excludes1, n.Text)));
        return new TermLexicon(CodeSystem.Icd10Cm, "2026", codes, terms, notes);
    }
}
