namespace Coding.Core.Model.Llama;

/// <summary>
/// The vocabulary grouped by the first byte of each token's text, plus one single-byte "probe" token per byte. A
/// token can only be grammatical if its first byte is, so asking the grammar about the ≤ 256 probes first and then
/// about the tokens of the allowed bytes gives exactly the tokens a whole-vocabulary pass would allow, at a fraction of
/// the cost wherever the grammar is narrow (JSON punctuation, enum values, digits). Built once per model.
/// </summary>
internal sealed class FirstByteIndex
{
    /// <summary>A token whose whole text is this one byte, or -1 (then every token of that byte is always a candidate).</summary>
    public int[] Probe { get; } = new int[256];

    /// <summary>Tokens by the first byte of their text (end-of-generation tokens and empty texts excluded).</summary>
    public int[][] ByFirstByte { get; }

    /// <summary>End-of-generation tokens: the grammar allows them once it is complete, whatever their text.</summary>
    public int[] EndOfGeneration { get; }

    public FirstByteIndex(LlamaModel model)
    {
        Array.Fill(Probe, -1);
        var buckets = Enumerable.Range(0, 256).Select(_ => new List<int>()).ToArray();
        var eog = new List<int>();
        Span<byte> piece = stackalloc byte[256];
        for (var id = 0; id < model.VocabularySize; id++)
        {
            if (model.IsEndOfGeneration((LLama.Native.LLamaToken)id))
            {
                eog.Add(id);
                continue;
            }
            // The grammar reads each token's cached text with special tokens rendered; read it the same way.
            var n = model.TokenBytes((LLama.Native.LLamaToken)id, piece, special: true);
            if (n <= 0 || piece[0] == 0)
                continue; // the grammar rejects empty texts and texts starting with NUL outright
            buckets[piece[0]].Add(id);
            if (n == 1 && Probe[piece[0]] < 0)
                Probe[piece[0]] = id;
        }
        ByFirstByte = buckets.Select(b => b.ToArray()).ToArray();
        EndOfGeneration = eog.ToArray();
    }
}
