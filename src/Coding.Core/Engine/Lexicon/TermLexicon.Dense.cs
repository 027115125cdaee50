namespace Coding.Core.Engine.Lexicon;

public sealed partial class TermLexicon
{
    private Dictionary<long, int>? _termIndex;

    /// <summary>
    /// The kept term (index into <see cref="Terms"/>) with this codebook term id, or -1 when the lexicon dropped it
    /// (a code outside the release, a subsequent-encounter code). Dense hits name terms by id.
    /// </summary>
    public int TermIndexOf(long id)
    {
        var index = LazyInitializer.EnsureInitialized(ref _termIndex, () =>
        {
            var map = new Dictionary<long, int>(Terms.Count);
            for (var i = 0; i < Terms.Count; i++)
                map.TryAdd(Terms[i].Id, i);
            return map;
        });
        return index.TryGetValue(id, out var found) ? found : -1;
    }
}
