using Coding.Core.Engine.Candidates;
using Coding.Core.Engine.Lexicon;
using Coding.Core.Engine.Preparation;

namespace Coding.UnitTests.Engine;

public class when_a_code_names_a_side
{
    private static int Agreement(string title, string sentence)
    {
        var note = NotePreparer.Prepare(sentence);
        var words = note.Tokens.SelectMany(t => t.MatchKeys).Select(OrganWords.Canonical).ToHashSet(StringComparer.Ordinal);
        return CandidateGenerator.SideAgreement(TermKeys.Required(title), words);
    }

    [Theory]
    [InlineData("Age-related nuclear cataract, right eye", "Nuclear cataract in the right eye.", 1)]
    [InlineData("Age-related nuclear cataract, left eye", "Nuclear cataract in the right eye.", -1)]
    [InlineData("Age-related nuclear cataract, bilateral", "Nuclear cataracts in both eyes.", 1)]
    [InlineData("Age-related nuclear cataract, bilateral", "Nuclear cataract of the right and the left eye.", 1)]
    [InlineData("Age-related nuclear cataract, right eye", "Nuclear cataract, bilaterally.", -1)]
    public void the_title_agrees_or_disagrees_with_the_side_the_sentence_names(string title, string sentence, int agreement)
    {
        Assert.Equal(agreement, Agreement(title, sentence));
    }

    [Theory]
    [InlineData("Age-related nuclear cataract, right eye", "Nuclear cataract was found.")]
    [InlineData("Age-related nuclear cataract, unspecified eye", "Nuclear cataract in the right eye.")]
    public void nothing_is_said_when_either_names_no_side(string title, string sentence)
    {
        Assert.Equal(0, Agreement(title, sentence));
    }
}
