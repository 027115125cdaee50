using Coding.Core.Encounters;
using Coding.Core.Engine;
using Coding.Core.Engine.Preparation;
using Coding.Core.Engine.Priors;

namespace Coding.UnitTests.Engine;

public class when_a_note_uses_a_word_the_index_does_not_list
{
    private static Token Word(string text, string word) =>
        NotePreparer.Prepare(text).Tokens.Single(t => t.Norm == word);

    [Theory]
    [InlineData("Submandibular adenomegalies were palpated.", "adenomegalies", "adenopathy")]
    [InlineData("Known renal lithiasis.", "lithiasis", "calculus")]
    [InlineData("Ischemic cardiopathy.", "cardiopathy", "disease")]
    [InlineData("Neoplasia of the right colon.", "neoplasia", "neoplasm")]
    [InlineData("The patient was pale and sweaty.", "pale", "pallor")]
    [InlineData("A painful mass in the flank.", "painful", "pain")]
    [InlineData("Upper digestive bleeding.", "bleeding", "hemorrhage")]
    [InlineData("Bleeding gastric varices.", "varices", "varix")]
    [InlineData("Bilateral pulmonary thromboembolism.", "thromboembolism", "embolism")]
    [InlineData("Vitamin deficit.", "deficit", "deficiency")]
    public void it_is_also_matched_as_the_index_word_it_means(string text, string word, string indexKey)
    {
        Assert.Contains(indexKey, Word(text, word).MatchKeys);
    }

    [Theory]
    [InlineData("A painful mass in the flank.", "painful")]
    [InlineData("Duodenal ulcus.", "ulcus")]
    public void it_keeps_its_own_key_for_the_index_terms_written_with_it(string text, string word)
    {
        var token = Word(text, word);
        Assert.Equal(token.Key, token.MatchKeys[0]);
    }

    [Fact]
    public void the_evidence_is_the_word_the_note_wrote()
    {
        const string text = "She was febrile on admission.";
        var run = DeterministicCoder.Code(text, EngineFixture.Lexicon, CodingPriors.Empty, CareSetting.Inpatient, null, PatientSex.Unknown);

        var fever = run.Candidates.Candidates.Single(c => c.Code == "R509");
        Assert.Equal("febrile", text[fever.Mentions[0].Match.Start..fever.Mentions[0].Match.End]);
    }

    [Theory]
    [InlineData("AMI", "infarction")]
    [InlineData("SDH", "subdural")]
    [InlineData("HCC", "hepatocellular")]
    public void a_common_abbreviation_is_expanded(string abbreviation, string key)
    {
        Assert.Contains(key, Word($"Admitted with {abbreviation}.", abbreviation.ToLowerInvariant()).MatchKeys);
    }
}

public class when_a_note_names_a_tumour_by_its_morphology
{
    private static IReadOnlyList<string> Keys(string text, string word) =>
        NotePreparer.Prepare(text).Tokens.Single(t => t.Norm == word).MatchKeys;

    [Theory]
    [InlineData("A left adrenal adenoma.", "adenoma", new[] { "benign" })]
    [InlineData("Testicular seminoma.", "seminoma", new[] { "cancer" })]
    [InlineData("A carotid paraganglioma.", "paraganglioma", new[] { "uncertain", "behavior" })]
    [InlineData("Retroperitoneal liposarcoma.", "liposarcoma", new[] { "connective", "tissue", "cancer" })]
    public void it_carries_the_neoplasm_table_column_the_index_sends_it_to(string text, string word, string[] column)
    {
        var keys = Keys(text, word);
        Assert.Equal(word, keys[0]);
        Assert.All(column, c => Assert.Contains(c, keys));
    }

    [Fact]
    public void a_plural_is_the_same_morphology()
    {
        Assert.Contains("benign", Keys("Multiple adenomas of the colon.", "adenomas"));
    }
}
