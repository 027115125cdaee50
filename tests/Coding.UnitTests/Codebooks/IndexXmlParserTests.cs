using Coding.Core.Codebooks.Parsing;

namespace Coding.UnitTests.Codebooks;

public class IndexXmlParserTests
{
    private static readonly IndexFile Index = IndexXmlParser.Load(Fixture.Path("icd10cm_index_2023_excerpt.xml"));

    [Fact]
    public void main_terms_and_subterms_carry_their_path()
    {
        Assert.Equal(2023, Index.Year);
        var acute = Index.Entries.Single(e => e.Path.SequenceEqual(["Abdomen, abdominal", "acute"]));
        Assert.Equal([new IndexCode("R100", "code")], acute.Codes);
        Assert.Equal("Abdomen, abdominal - acute", acute.Text);
    }

    [Fact]
    public void nonessential_modifiers_are_split_from_the_title()
    {
        var abasia = Index.Entries.Single(e => e.Path[0] == "Abasia");
        Assert.Equal("(-astasia) (hysterical)", abasia.Nemod);
        Assert.Equal("F444", abasia.Codes.Single().Code);
    }

    [Fact]
    public void see_references_and_manifestation_codes_are_kept()
    {
        Assert.Equal("Maltreatment", Index.Entries.Single(e => e.Path[0] == "Abandonment").See);
        var amyloid = Index.Entries.Single(e => e.Path.Count == 1 && e.Path[0].StartsWith("Amyloid heart"));
        Assert.Contains(new IndexCode("E854", "code"), amyloid.Codes);
        Assert.Contains(new IndexCode("I43", "manif"), amyloid.Codes);
    }

    [Fact]
    public void drug_table_cells_are_labelled_by_their_column_and_empty_cells_skipped()
    {
        var drugs = IndexXmlParser.Load(Fixture.Path("icd-10-cm-drug-2025_excerpt.xml"));
        var propanol = drugs.Entries.Single(e => e.Path[0] == "2-propanol");
        Assert.Equal(4, propanol.Codes.Count);
        Assert.Contains(new IndexCode("T512X1", "Poisoning Accidental (unintentional)"), propanol.Codes);
    }
}

public class IndexSeeResolverTests
{
    private static IndexEntry E(string[] path, params string[] codes) => new(path, null, codes.Select(c => new IndexCode(c, "code")).ToList(), null, null);

    private static readonly IndexSeeResolver Resolver = new(
    [
        E(["Infarct, infarction"], "I639"),
        E(["Infarct, infarction", "myocardium, myocardial"], "I219"),
        E(["Maltreatment"]),
        E(["Maltreatment", "adult"], "T7491XA"),
        E(["Attack"]),
        E(["Attack", "heart"]),
    ]);

    [Fact]
    public void a_main_term_is_found_by_its_first_word_and_subterms_by_theirs() => Assert.Equal(["I219"], Resolver.Resolve("Infarct, myocardium"));

    [Fact]
    public void a_target_without_codes_resolves_to_nothing() => Assert.Empty(Resolver.Resolve("Maltreatment"));

    [Fact]
    public void a_generic_reference_resolves_to_nothing() => Assert.Empty(Resolver.Resolve("condition"));
}
