namespace Coding.Core.Engine.Preparation;

/// <summary>Step 1 of the engine: note text in, <see cref="PreparedNote"/> out. Pure and allocation-light.</summary>
public static class NotePreparer
{
    public static PreparedNote Prepare(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sections = SectionHeaders.Find(text).ToArray();
        var spans = SentenceSplitter.Split(text, sections);
        var tokenList = new List<Token>(text.Length / 5 + 4);
        var sentences = new Sentence[spans.Count];
        var sectionIndex = 0;
        for (var id = 0; id < spans.Count; id++)
        {
            var (start, end) = spans[id];
            while (sectionIndex + 1 < sections.Length && sections[sectionIndex + 1].Start <= start)
                sectionIndex++;
            var firstToken = tokenList.Count;
            Tokenizer.Tokenize(text, start, end, id, tokenList);
            var section = sections.Length > 0 && sections[sectionIndex].Contains(start) ? sectionIndex : -1;
            sentences[id] = new Sentence(id, start, end, firstToken, tokenList.Count - firstToken, section);
        }
        var tokens = tokenList.ToArray();
        var triggers = AssertionTriggers.FindAll(text, tokens, sentences);
        return new PreparedNote(text, sections, sentences, tokens, triggers);
    }
}
