using System.Runtime.InteropServices;

namespace Coding.Core.Model.Llama;

/// <summary>
/// The slice of llama.h (node-llama-cpp 3.22.1, llama.cpp release v0.5.0) we call. Struct layouts mirror that exact
/// header field by field: a mismatch is silent memory corruption, so LlamaStructLayoutTests pins the sizes
/// (80 / 160 / 56 bytes). C bools are bytes here to keep every struct blittable.
/// </summary>
internal static unsafe partial class LlamaNative
{
    public const string Llama = "llama";
    public const string Ggml = "ggml";

    [StructLayout(LayoutKind.Sequential)]
    public struct ModelParams
    {
        public nint Devices;
        public nint TensorBuftOverrides;
        public int NGpuLayers;
        public int SplitMode;
        public int LoadMode;
        public int LazyMode;
        public int MainGpu;
        public nint TensorSplit;
        public nint ProgressCallback;
        public nint ProgressCallbackUserData;
        public nint KvOverrides;
        public byte VocabOnly;
        public byte CheckTensors;
        public byte UseExtraBufts;
        public byte NoHost;
        public byte NoAlloc;
        public byte LoadMtp;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct ContextParams
    {
        public uint NCtx;
        public uint NBatch;
        public uint NUbatch;
        public uint NSeqMax;
        public uint NRsSeq;
        public uint NOutputsMax;
        public uint NOutputsMaxPerSeq;
        public int NThreads;
        public int NThreadsBatch;
        public int CtxType;
        public int RopeScalingType;
        public int PoolingType;
        public int AttentionType;
        public int FlashAttnType;
        public float RopeFreqBase;
        public float RopeFreqScale;
        public float YarnExtFactor;
        public float YarnAttnFactor;
        public float YarnBetaFast;
        public float YarnBetaSlow;
        public uint YarnOrigCtx;
        public float DefragThold;
        public nint CbEval;
        public nint CbEvalUserData;
        public int TypeK;
        public int TypeV;
        public nint AbortCallback;
        public nint AbortCallbackData;
        public byte Embeddings;
        public byte OffloadKqv;
        public byte NoPerf;
        public byte OpOffload;
        public byte SwaFull;
        public byte KvUnified;
        public nint Samplers;
        public nuint NSamplers;
        public nint CtxOther;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct Batch
    {
        public int NTokens;
        public int* Token;
        public float* Embd;
        public int* Pos;
        public int* NSeqId;
        public int** SeqId;
        public sbyte* Logits;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct SamplerChainParams
    {
        public byte NoPerf;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct ChatMessage
    {
        public byte* Role;
        public byte* Content;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct TokenData
    {
        public int Id;
        public float Logit;
        public float P;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct TokenDataArray
    {
        public TokenData* Data;
        public nuint Size;
        public long Selected;
        public byte Sorted;
    }

    [LibraryImport(Ggml, EntryPoint = "ggml_backend_load_all_from_path", StringMarshalling = StringMarshalling.Utf8)]
    public static partial void BackendLoadAllFromPath(string dir);

    [LibraryImport(Llama, EntryPoint = "llama_backend_init")]
    public static partial void BackendInit();

    [LibraryImport(Llama, EntryPoint = "llama_log_set")]
    public static partial void LogSet(delegate* unmanaged[Cdecl]<int, byte*, void*, void> callback, void* userData);

    [LibraryImport(Llama, EntryPoint = "llama_supports_gpu_offload")]
    [return: MarshalAs(UnmanagedType.U1)]
    public static partial bool SupportsGpuOffload();

    [LibraryImport(Llama, EntryPoint = "llama_model_default_params")]
    public static partial ModelParams ModelDefaultParams();

    [LibraryImport(Llama, EntryPoint = "llama_context_default_params")]
    public static partial ContextParams ContextDefaultParams();

    [LibraryImport(Llama, EntryPoint = "llama_sampler_chain_default_params")]
    public static partial SamplerChainParams SamplerChainDefaultParams();

    [LibraryImport(Llama, EntryPoint = "llama_model_load_from_file", StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint ModelLoadFromFile(string path, ModelParams p);

    [LibraryImport(Llama, EntryPoint = "llama_model_free")]
    public static partial void ModelFree(nint model);

    [LibraryImport(Llama, EntryPoint = "llama_init_from_model")]
    public static partial nint InitFromModel(SafeLlamaModelHandle model, ContextParams p);

    [LibraryImport(Llama, EntryPoint = "llama_free")]
    public static partial void Free(nint ctx);

    [LibraryImport(Llama, EntryPoint = "llama_model_get_vocab")]
    public static partial nint ModelGetVocab(SafeLlamaModelHandle model);

    [LibraryImport(Llama, EntryPoint = "llama_model_chat_template")]
    public static partial nint ModelChatTemplate(SafeLlamaModelHandle model, nint name);

    [LibraryImport(Llama, EntryPoint = "llama_model_desc")]
    public static partial int ModelDesc(SafeLlamaModelHandle model, byte* buf, nuint bufSize);

    [LibraryImport(Llama, EntryPoint = "llama_model_n_params")]
    public static partial ulong ModelNParams(SafeLlamaModelHandle model);

    [LibraryImport(Llama, EntryPoint = "llama_vocab_n_tokens")]
    public static partial int VocabNTokens(nint vocab);

    [LibraryImport(Llama, EntryPoint = "llama_vocab_is_eog")]
    [return: MarshalAs(UnmanagedType.U1)]
    public static partial bool VocabIsEog(nint vocab, int token);

    [LibraryImport(Llama, EntryPoint = "llama_tokenize")]
    public static partial int Tokenize(nint vocab, byte* text, int textLen, int* tokens, int nTokensMax,
        [MarshalAs(UnmanagedType.U1)] bool addSpecial, [MarshalAs(UnmanagedType.U1)] bool parseSpecial);

    [LibraryImport(Llama, EntryPoint = "llama_token_to_piece")]
    public static partial int TokenToPiece(nint vocab, int token, byte* buf, int length, int lstrip, [MarshalAs(UnmanagedType.U1)] bool special);

    [LibraryImport(Llama, EntryPoint = "llama_chat_apply_template")]
    public static partial int ChatApplyTemplate(byte* tmpl, ChatMessage* chat, nuint nMsg, [MarshalAs(UnmanagedType.U1)] bool addAssistant, byte* buf, int length);

    [LibraryImport(Llama, EntryPoint = "llama_n_ctx")]
    public static partial uint NCtx(SafeLlamaContextHandle ctx);

    [LibraryImport(Llama, EntryPoint = "llama_n_batch")]
    public static partial uint NBatch(SafeLlamaContextHandle ctx);

    [LibraryImport(Llama, EntryPoint = "llama_get_memory")]
    public static partial nint GetMemory(SafeLlamaContextHandle ctx);

    [LibraryImport(Llama, EntryPoint = "llama_memory_clear")]
    public static partial void MemoryClear(nint memory, [MarshalAs(UnmanagedType.U1)] bool data);

    [LibraryImport(Llama, EntryPoint = "llama_batch_init")]
    public static partial Batch BatchInit(int nTokens, int embd, int nSeqMax);

    [LibraryImport(Llama, EntryPoint = "llama_batch_free")]
    public static partial void BatchFree(Batch batch);

    [LibraryImport(Llama, EntryPoint = "llama_decode")]
    public static partial int Decode(SafeLlamaContextHandle ctx, Batch batch);

    [LibraryImport(Llama, EntryPoint = "llama_sampler_chain_init")]
    public static partial nint SamplerChainInit(SamplerChainParams p);

    [LibraryImport(Llama, EntryPoint = "llama_sampler_chain_add")]
    public static partial void SamplerChainAdd(SafeLlamaSamplerHandle chain, nint sampler);

    [LibraryImport(Llama, EntryPoint = "llama_sampler_init_greedy")]
    public static partial nint SamplerInitGreedy();

    [LibraryImport(Llama, EntryPoint = "llama_sampler_init_temp")]
    public static partial nint SamplerInitTemp(float t);

    [LibraryImport(Llama, EntryPoint = "llama_sampler_init_dist")]
    public static partial nint SamplerInitDist(uint seed);

    [LibraryImport(Llama, EntryPoint = "llama_sampler_init_grammar", StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint SamplerInitGrammar(nint vocab, string grammar, string root);

    [LibraryImport(Llama, EntryPoint = "llama_sampler_apply")]
    public static partial void SamplerApply(SafeLlamaSamplerHandle sampler, TokenDataArray* candidates);

    [LibraryImport(Llama, EntryPoint = "llama_sampler_accept")]
    public static partial void SamplerAccept(SafeLlamaSamplerHandle sampler, int token);

    [LibraryImport(Llama, EntryPoint = "llama_get_logits_ith")]
    public static partial float* GetLogitsIth(SafeLlamaContextHandle ctx, int i);

    [LibraryImport(Llama, EntryPoint = "llama_sampler_free")]
    public static partial void SamplerFree(nint sampler);
}
