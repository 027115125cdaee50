using Coding.Core.Codebooks.Embeddings;
using Coding.Core.Codebooks.Import;
using Coding.Core.Codebooks.Parsing;
using Coding.Core.Codebooks.Retrieval;
using Coding.Core.Suggestions;

namespace Coding.UnitTests.Codebooks;

public class DeterministicEmbedderTests
{
    [Fact]
    public void a_fresh_install_embeds_with_hashing_so_its_first_import_takes_a_minute_not_an_hour()
    {
        // The model is opt-in (Codebooks:Embedder:Kind = ArcticXs): a clean clone's demo and CI must not embed ~164k texts.
        Assert.Equal(EmbedderKind.Deterministic, new EmbedderOptions().Kind);
    }

    private static double Cosine(float[] a, float[] b) => a.Zip(b, (x, y) => (double)x * y).Sum();

    [Fact]
    public void vectors_have_the_named_dimension_and_unit_length()
    {
        var v = DeterministicEmbedder.Embed("Type 2 diabetes mellitus without complications");
        Assert.Equal(EmbeddingSpace.Dimension, v.Length);
        Assert.Equal(1.0, Math.Sqrt(v.Sum(x => (double)x * x)), 5);
    }

    [Fact]
    public void the_same_text_gives_the_same_vector_in_every_process()
    {
        // Pinned values: a change here means stored vectors no longer match new queries (bump the embedder name).
        var v = DeterministicEmbedder.Embed("heart attack");
        Assert.Equal(v, DeterministicEmbedder.Embed("heart attack"));
        Assert.Equal(DeterministicEmbedder.Hash("diabetes", 1), DeterministicEmbedder.Hash("diabetes", 1));
        Assert.NotEqual(DeterministicEmbedder.Hash("diabetes", 1), DeterministicEmbedder.Hash("diabetes", 2));
    }

    [Fact]
    public void related_texts_are_closer_than_unrelated_ones()
    {
        var query = DeterministicEmbedder.Embed("diabetic retinopathy");
        var related = DeterministicEmbedder.Embed("Type 2 diabetes mellitus with unspecified diabetic retinopathy");
        var unrelated = DeterministicEmbedder.Embed("Displaced fracture of pisiform, right wrist");
        Assert.True(Cosine(query, related) > Cosine(query, unrelated) + 0.2);
    }

    [Fact]
    public void case_and_punctuation_do_not_matter()
    {
        Assert.Equal(DeterministicEmbedder.Embed("Chest pain, unspecified"), DeterministicEmbedder.Embed("chest PAIN unspecified"));
    }
}

public class CodeFormatTests
{
    [Theory]
    [InlineData("E11.9", "E119")]
    [InlineData("e119", "E119")]
    [InlineData(" E11.9 ", "E119")]
    [InlineData("c79.8-", "C798")]
    public void codes_are_normalized_without_dot_or_case(string input, string expected) => Assert.Equal(expected, CodeFormat.Normalize(input));

    [Fact]
    public void icd10cm_codes_are_displayed_with_their_dot_and_others_without()
    {
        Assert.Equal("E11.9", CodeFormat.Display(CodeSystem.Icd10Cm, "E119"));
        Assert.Equal("E11", CodeFormat.Display(CodeSystem.Icd10Cm, "E11"));
        Assert.Equal("0DTJ4ZZ", CodeFormat.Display(CodeSystem.Icd10Pcs, "0DTJ4ZZ"));
    }

    [Fact]
    public void icd10_years_are_fiscal_and_hcpcs_years_are_calendar()
    {
        Assert.Equal((new DateOnly(2025, 10, 1), new DateOnly(2026, 9, 30)), CodeFormat.EffectiveRange(CodeSystem.Icd10Cm, 2026));
        Assert.Equal((new DateOnly(2025, 1, 1), new DateOnly(2025, 12, 31)), CodeFormat.EffectiveRange(CodeSystem.Hcpcs, 2025));
    }
}

public class ReleaseCodeMapTests
{
    private static readonly ReleaseCodeMap Map = new([("B88", false), ("B880", false), ("B8801", true), ("B8809", true), ("E119", true)]);

    [Fact]
    public void a_code_that_still_exists_maps_to_itself() => Assert.Equal(["E119"], Map.Map("E119"));

    [Fact]
    public void a_code_expanded_since_is_redirected_to_its_billable_children()
    {
        var expanded = new ReleaseCodeMap([("B88", false), ("B8801", true), ("B8809", true)]);
        Assert.Equal(["B8801", "B8809"], expanded.Map("B880"));
    }

    [Fact]
    public void a_code_gone_without_children_is_dropped() => Assert.Empty(Map.Map("A009"));
}

public class CodeHierarchyTests
{
    [Fact]
    public void icd10cm_codes_get_their_category_parent_and_block()
    {
        var tabular = TabularListParser.Load(Fixture.Path("icd10cm_tabular_2023_excerpt.xml"));
        var entries = OrderFileParser.ReadFile(Fixture.Path("icd10cm_order_2026_excerpt.txt"));
        var codes = CodeHierarchy.Build(CodeSystem.Icd10Cm, 1, entries, tabular.Chapters);
        var e119 = codes.Single(c => c.Code == "E119");
        Assert.Equal(("E11", "E11", "E08-E13", "4", Coding.Core.Codebooks.CodeKind.Code), (e119.Parent, e119.Category, e119.Block, e119.Chapter, e119.Kind));
        Assert.Equal(Coding.Core.Codebooks.CodeKind.Category, codes.Single(c => c.Code == "E11").Kind);
        // Placeholder-X codes hang under the nearest header present in the release.
        Assert.Equal("B880", codes.Single(c => c.Code == "B8801").Parent);
    }
}

public class LaySynonymsTests
{
    [Fact]
    public void a_lay_phrase_adds_its_clinical_words_and_an_alternative_phrasing()
    {
        Assert.Equal("heart attack myocardial infarction", LaySynonyms.Expand("heart attack"));
        Assert.Equal(["laparoscopic appendix removal", "percutaneous endoscopic resection appendix"], LaySynonyms.Alternatives("laparoscopic appendix removal"));
    }

    [Fact]
    public void words_inside_other_words_do_not_trigger() => Assert.Equal("flush", LaySynonyms.Expand("flush"));

    [Fact]
    public void full_text_queries_require_every_word_then_all_but_one()
    {
        var (strict, relaxed) = CodebookSearch.TextQueries(["stage 3 chronic kidney disease"]);
        Assert.Equal("('stage' & '3' & 'chronic' & 'kidney' & 'disease')", strict);
        Assert.Contains("('3' & 'chronic' & 'kidney' & 'disease')", relaxed);
    }
}

public class DenseCoverageTests
{
    [Theory]
    [InlineData(CodeSystem.Icd10Cm, Coding.Core.Codebooks.TermKind.Title, "Type 2 diabetes mellitus without complications", true)]
    [InlineData(CodeSystem.Icd10Cm, Coding.Core.Codebooks.TermKind.Title, "Fracture of unspecified carpal bone, right wrist, initial encounter for closed fracture", true)]
    [InlineData(CodeSystem.Icd10Cm, Coding.Core.Codebooks.TermKind.Title, "Fracture of unspecified carpal bone, right wrist, subsequent encounter for fracture with routine healing", false)]
    [InlineData(CodeSystem.Icd10Cm, Coding.Core.Codebooks.TermKind.Title, "Fracture of unspecified carpal bone, right wrist, sequela", false)]
    [InlineData(CodeSystem.Icd10Cm, Coding.Core.Codebooks.TermKind.Drug, "Aspirin - Poisoning Accidental (unintentional)", false)]
    [InlineData(CodeSystem.Icd10Pcs, Coding.Core.Codebooks.TermKind.Title, "Resection of Appendix, Percutaneous Endoscopic Approach", false)]
    [InlineData(CodeSystem.Hcpcs, Coding.Core.Codebooks.TermKind.Title, "Standard wheelchair", true)]
    public void only_texts_where_vectors_add_something_get_one(CodeSystem system, Coding.Core.Codebooks.TermKind kind, string text, bool covered) =>
        Assert.Equal(covered, Coding.Core.Codebooks.DenseCoverage.Covers(system, kind, text));
}

public class CodePrefixTests
{
    [Theory]
    [InlineData("I50.23", "I5023")]
    [InlineData(" i5023 ", "I5023")]
    [InlineData("E11", "E11")]
    [InlineData("0DTJ4ZZ", "0DTJ4ZZ")]
    [InlineData("G0439", "G0439")]
    public void what_a_coder_types_as_a_code_is_read_as_a_code_prefix(string typed, string prefix) =>
        Assert.Equal(prefix, CodeFormat.AsCodePrefix(typed));

    [Theory]
    [InlineData("copd")]
    [InlineData("heart failure")]
    [InlineData("E1.19")]
    [InlineData("I50.2.3")]
    [InlineData("%")]
    [InlineData("E11.9%")]
    [InlineData("12")]
    public void words_and_malformed_input_are_not_codes(string typed) => Assert.Null(CodeFormat.AsCodePrefix(typed));

    [Theory]
    [InlineData("%")]
    [InlineData("(((")]
    [InlineData("🙂")]
    [InlineData("1=1")]
    public void input_without_words_gives_no_text_query_rather_than_an_invalid_one(string typed) =>
        Assert.Equal(("", ""), CodebookSearch.TextQueries([typed]));
}
