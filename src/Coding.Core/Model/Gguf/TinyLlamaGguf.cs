namespace Coding.Core.Model.Gguf;

/// <summary>
/// A llama-architecture GGUF with random F32 weights and a real tokenizer copied from a vocabulary-only GGUF.
/// Its output is nonsense, but loading, tokenizing, decoding and grammar-constrained sampling are the real code
/// paths, which is what tests and the CPU benchmark need when no weights can be downloaded.
/// </summary>
public static class TinyLlamaGguf
{
    /// <summary>The node-llama-cpp release whose llama.cpp source bundle scripts/llama.sh takes the vocabulary from.</summary>
    public const string VocabularyPackageVersion = "3.22.1";

    /// <summary>
    /// The tokenizer-only GGUF scripts/llama.sh copies out of the llama.cpp source bundle, found by walking up from the
    /// binary to the repository's ignored .local folder; null when it is not installed. LLamaSharp's packages carry
    /// binaries only, and a made-up vocabulary would not exercise the real tokenizer and grammar the way this one does.
    /// </summary>
    public static string? DefaultVocabulary()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var file = Path.Combine(dir.FullName, ".local", "llama", VocabularyPackageVersion, "vocab", "ggml-vocab-llama-spm.gguf");
            if (File.Exists(file))
                return file;
        }
        return null;
    }

    public sealed record Shape(int Layers = 2, int Embedding = 64, int FeedForward = 128, int Heads = 4, int KvHeads = 2, int ContextLength = 4096);

    public static void Create(string vocabularyGguf, string outputPath, int seed = 42, Shape? shape = null)
    {
        var s = shape ?? new Shape();
        var tokenizer = GgufReader.ReadMetadata(vocabularyGguf).Where(kv => kv.Key.StartsWith("tokenizer.", StringComparison.Ordinal)).ToList();
        var tokens = tokenizer.FirstOrDefault(kv => kv.Key == "tokenizer.ggml.tokens")?.Value as Array
            ?? throw new InvalidDataException($"{vocabularyGguf} has no tokenizer.ggml.tokens");
        var vocab = tokens.Length;
        var headDim = s.Embedding / s.Heads;

        var w = new GgufWriter()
            .Add(GgufKeyValue.Of("general.architecture", "llama"))
            .Add(GgufKeyValue.Of("general.name", "coding-tiny-random"))
            .Add(GgufKeyValue.Of("general.file_type", 0u)) // all F32
            .Add(GgufKeyValue.Of("llama.context_length", (uint)s.ContextLength))
            .Add(GgufKeyValue.Of("llama.embedding_length", (uint)s.Embedding))
            .Add(GgufKeyValue.Of("llama.block_count", (uint)s.Layers))
            .Add(GgufKeyValue.Of("llama.feed_forward_length", (uint)s.FeedForward))
            .Add(GgufKeyValue.Of("llama.attention.head_count", (uint)s.Heads))
            .Add(GgufKeyValue.Of("llama.attention.head_count_kv", (uint)s.KvHeads))
            .Add(GgufKeyValue.Of("llama.rope.dimension_count", (uint)headDim))
            .Add(GgufKeyValue.Of("llama.rope.freq_base", 10000f))
            .Add(GgufKeyValue.Of("llama.attention.layer_norm_rms_epsilon", 1e-5f))
            .Add(GgufKeyValue.Of("llama.vocab_size", (uint)vocab));
        foreach (var kv in tokenizer)
            w.Add(kv);

        var random = new Random(seed);
        float[] Random(long n, float scale)
        {
            var a = new float[n];
            for (var i = 0; i < n; i++)
                a[i] = (float)(random.NextDouble() * 2 - 1) * scale;
            return a;
        }
        static float[] Ones(int n) => Enumerable.Repeat(1f, n).ToArray();

        var kvDim = headDim * s.KvHeads;
        w.AddTensor("token_embd.weight", [s.Embedding, vocab], Random((long)s.Embedding * vocab, 1f));
        for (var i = 0; i < s.Layers; i++)
        {
            w.AddTensor($"blk.{i}.attn_norm.weight", [s.Embedding], Ones(s.Embedding));
            w.AddTensor($"blk.{i}.attn_q.weight", [s.Embedding, s.Embedding], Random(s.Embedding * s.Embedding, 0.2f));
            w.AddTensor($"blk.{i}.attn_k.weight", [s.Embedding, kvDim], Random(s.Embedding * kvDim, 0.2f));
            w.AddTensor($"blk.{i}.attn_v.weight", [s.Embedding, kvDim], Random(s.Embedding * kvDim, 0.2f));
            w.AddTensor($"blk.{i}.attn_output.weight", [s.Embedding, s.Embedding], Random(s.Embedding * s.Embedding, 0.2f));
            w.AddTensor($"blk.{i}.ffn_norm.weight", [s.Embedding], Ones(s.Embedding));
            w.AddTensor($"blk.{i}.ffn_gate.weight", [s.Embedding, s.FeedForward], Random(s.Embedding * s.FeedForward, 0.2f));
            w.AddTensor($"blk.{i}.ffn_up.weight", [s.Embedding, s.FeedForward], Random(s.Embedding * s.FeedForward, 0.2f));
            w.AddTensor($"blk.{i}.ffn_down.weight", [s.FeedForward, s.Embedding], Random(s.FeedForward * s.Embedding, 0.2f));
        }
        w.AddTensor("output_norm.weight", [s.Embedding], Ones(s.Embedding));
        w.AddTensor("output.weight", [s.Embedding, vocab], Random((long)s.Embedding * vocab, 0.5f));
        w.Write(outputPath);
    }
}
