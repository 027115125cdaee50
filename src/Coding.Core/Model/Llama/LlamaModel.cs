using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace Coding.Core.Model.Llama;

/// <summary>
/// A loaded GGUF: weights, vocabulary and identity (sha256 of the file, recorded in every suggestion's provenance).
/// Thread-safe for tokenizing; decoding happens in <see cref="LlamaSession"/>s, one per parallel sequence.
/// </summary>
public sealed unsafe class LlamaModel : IDisposable
{
    private readonly SafeLlamaModelHandle _handle;
    private readonly nint _vocab;

    public string Path { get; }

    /// <summary>Whether layers really went to a GPU: a CUDA build on a host without the CUDA runtime quietly runs on CPU.</summary>
    public bool OnGpu { get; private init; }
    public string Sha256 { get; }
    public string Description { get; }
    public int VocabularySize { get; }

    /// <summary>The model's own chat template, or null (then the caller renders ChatML).</summary>
    public string? ChatTemplate { get; }

    private LlamaModel(SafeLlamaModelHandle handle, string path, string sha256)
    {
        _handle = handle;
        Path = path;
        Sha256 = sha256;
        _vocab = LlamaNative.ModelGetVocab(handle);
        VocabularySize = LlamaNative.VocabNTokens(_vocab);
        var buf = stackalloc byte[256];
        var n = LlamaNative.ModelDesc(handle, buf, 256);
        Description = n > 0 ? Encoding.UTF8.GetString(buf, Math.Min(n, 255)) : "";
        var tmpl = LlamaNative.ModelChatTemplate(handle, 0);
        ChatTemplate = tmpl == 0 ? null : Marshal.PtrToStringUTF8(tmpl);
    }

    /// <param name="gpuLayers">Layers offloaded to a GPU backend; 0 = CPU only, -1 = all. Ignored by the CPU build.</param>
    public static LlamaModel Load(string libraryDirectory, string path, int gpuLayers)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"GGUF model not found: {path}", path);
        LlamaLibrary.EnsureLoaded(libraryDirectory);
        var sha = HashFile(path);
        var p = LlamaNative.ModelDefaultParams();
        p.NGpuLayers = gpuLayers;
        var raw = LlamaNative.ModelLoadFromFile(path, p);
        if (raw == 0)
            throw new LlamaException($"llama.cpp could not load {path}: {LlamaLibrary.LastErrors()}");
        return new LlamaModel(SafeLlamaModelHandle.Wrap(raw), System.IO.Path.GetFullPath(path), sha)
        {
            OnGpu = gpuLayers != 0 && LlamaNative.SupportsGpuOffload(),
        };
    }

    public LlamaSession CreateSession(int contextSize, int threads, int batchSize = 512)
    {
        var p = LlamaNative.ContextDefaultParams();
        p.NCtx = (uint)contextSize;
        p.NBatch = (uint)Math.Min(batchSize, contextSize);
        p.NUbatch = p.NBatch;
        p.NSeqMax = 1;
        p.NThreads = threads;
        p.NThreadsBatch = threads;
        p.NoPerf = 1;
        var raw = LlamaNative.InitFromModel(_handle, p);
        if (raw == 0)
            throw new LlamaException($"llama.cpp could not create a context (n_ctx {contextSize}): {LlamaLibrary.LastErrors()}");
        return new LlamaSession(this, SafeLlamaContextHandle.Wrap(raw));
    }

    internal nint Vocab => _vocab;

    private FirstByteIndex? _firstByteIndex;

    /// <summary>The vocabulary by first byte, for the grammar prefilter; built on first use (one pass over the vocabulary).</summary>
    internal FirstByteIndex FirstBytes => LazyInitializer.EnsureInitialized(ref _firstByteIndex, () => new FirstByteIndex(this));

    public int[] Tokenize(string text, bool addSpecial)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var tokens = new int[bytes.Length + 8];
        fixed (byte* t = bytes)
        fixed (int* o = tokens)
        {
            var n = LlamaNative.Tokenize(_vocab, t, bytes.Length, o, tokens.Length, addSpecial, parseSpecial: true);
            if (n < 0)
                throw new LlamaException($"tokenize needed {-n} tokens, more than {tokens.Length}");
            return tokens[..n];
        }
    }

    /// <summary>The bytes of one token (UTF-8, possibly a partial character: callers join bytes before decoding).</summary>
    public int TokenBytes(int token, Span<byte> buffer, bool special = false)
    {
        fixed (byte* b = buffer)
        {
            var n = LlamaNative.TokenToPiece(_vocab, token, b, buffer.Length, 0, special);
            if (n < 0)
                throw new LlamaException($"token {token} needs a {-n}-byte buffer");
            return n;
        }
    }

    public bool IsEndOfGeneration(int token) => LlamaNative.VocabIsEog(_vocab, token);

    /// <summary>Renders system + user + the assistant cue with the model's template (or ChatML when it has none).</summary>
    public string RenderChat(IReadOnlyList<(string Role, string Content)> messages)
    {
        var handles = new List<GCHandle>();
        try
        {
            var native = new LlamaNative.ChatMessage[messages.Count];
            for (var i = 0; i < messages.Count; i++)
            {
                var role = GCHandle.Alloc(LlamaLibrary.Utf8Z(messages[i].Role), GCHandleType.Pinned);
                var content = GCHandle.Alloc(LlamaLibrary.Utf8Z(messages[i].Content), GCHandleType.Pinned);
                handles.Add(role);
                handles.Add(content);
                native[i] = new LlamaNative.ChatMessage { Role = (byte*)role.AddrOfPinnedObject(), Content = (byte*)content.AddrOfPinnedObject() };
            }
            var template = LlamaLibrary.Utf8Z(ChatTemplate ?? "chatml");
            var size = messages.Sum(m => m.Content.Length + m.Role.Length) * 2 + 256;
            while (true)
            {
                var buffer = new byte[size];
                int n;
                fixed (byte* t = template)
                fixed (LlamaNative.ChatMessage* m = native)
                fixed (byte* b = buffer)
                    n = LlamaNative.ChatApplyTemplate(t, m, (nuint)native.Length, addAssistant: true, b, buffer.Length);
                if (n < 0)
                    throw new LlamaException("llama.cpp does not know this model's chat template");
                if (n <= buffer.Length)
                    return Encoding.UTF8.GetString(buffer, 0, n);
                size = n;
            }
        }
        finally
        {
            foreach (var h in handles)
                h.Free();
        }
    }

    internal SafeLlamaModelHandle Handle => _handle;

    private static string HashFile(string path)
    {
        using var stream = File.OpenRead(path);
        return "sha256:" + Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    public void Dispose() => _handle.Dispose();
}

public sealed class LlamaException(string message) : Exception(message);
