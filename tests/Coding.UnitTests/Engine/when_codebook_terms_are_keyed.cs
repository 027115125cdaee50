using Coding.Core.Engine.Lexicon;

namespace Coding.UnitTests.Engine;

public class when_codebook_terms_are_keyed
{
    private static IEnumerable<string> Variants(string text, bool path) =>
        TermKeys.Variants(text, path, text.StartsWith("Neoplasm,", StringComparison.Ordinal)).Select(v => string.Join(' ', v));

    [Fact]
    public void the_comma_parts_of_an_index_main_term_are_alternatives()
    {
        Assert.Equal(["diabetes 2 polyneuropathy", "diabetic 2 polyneuropathy"], Variants("Diabetes, diabetic - type 2 - with - polyneuropathy", true));
    }

    [Fact]
    public void subterm_parts_sharing_a_stem_are_alternatives_and_nonessential_modifiers_are_optional()
    {
        Assert.Equal(["calculus kidney", "calculus kidney stone", "calculous kidney", "calculous kidney stone"],
            Variants("Calculus, calculous - kidney, kidney stone (impacted) (multiple)", true));
    }

    [Fact]
    public void an_organ_adjective_and_its_noun_are_one_key()
    {
        // "duodenum, duodenal" collapse into one alternative; a note's "renal" meets the Index's "kidney".
        Assert.Equal(["ulcer duodenum"], Variants("Ulcer - duodenum, duodenal (eroded) (peptic)", true));
        Assert.Equal(["kidney carcinoma"], Variants("renal carcinoma", false));
        // The Index's "Distension, distention - abdomen" (R14.0) is a note's "abdominal distention" (matched in any order).
        Assert.Equal(["abdomen distention"], Variants("abdominal distention", false));
        Assert.Equal(["distention abdomen"], Variants("Distension, distention - abdomen", true));
    }

    [Fact]
    public void other_subterm_commas_invert_a_phrase()
    {
        Assert.Equal(["temperature body high"], Variants("Temperature - body, high (of unknown origin)", true));
    }

    [Fact]
    public void a_path_stops_where_it_describes_an_absence()
    {
        Assert.Equal(["hernia"], Variants("Hernia - without - obstruction", true));
    }

    [Fact]
    public void residual_qualifiers_of_a_title_are_not_required()
    {
        Assert.Equal(["fever"], Variants("Fever, unspecified", false));
        Assert.Equal(["2 diabetes mellitus"], Variants("Type 2 diabetes mellitus without complications", false));
    }

    [Fact]
    public void a_neoplasm_table_cell_is_found_by_its_site_and_the_words_notes_use_for_its_column()
    {
        var variants = Variants("Neoplasm, neoplastic - kidney (parenchymal) - Malignant Primary", true).ToList();

        Assert.Contains("kidney carcinoma", variants);
        Assert.Contains("kidney cancer", variants);
        Assert.DoesNotContain(variants, v => v.Contains("neoplastic", StringComparison.Ordinal));
    }

    [Fact]
    public void a_neoplasm_site_with_alternative_names_needs_only_one_of_them_and_a_lymph_gland_is_a_lymph_node()
    {
        var variants = Variants("Neoplasm, neoplastic - lymph, lymphatic channel NEC - gland (secondary) - Malignant Secondary", true).ToList();

        Assert.Contains("lymph node metastasis", variants);
        Assert.Contains("lymph gland metastasis", variants);
        Assert.DoesNotContain(variants, v => v.Contains("channel gland", StringComparison.Ordinal) && v.Contains("lymph gland", StringComparison.Ordinal));
    }
}
