using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Coding.Core.Model.Llama;

namespace Coding.UnitTests.Model;

/// <summary>
/// Our structs must match llama.h of node-llama-cpp 3.22.1 byte for byte; these sizes and offsets were read from
/// that header (x64). If a version bump changes them, this fails before anything corrupts memory.
/// </summary>
public sealed class the_llama_struct_layouts
{
    [Fact]
    public void model_params_is_80_bytes_with_the_booleans_at_72()
    {
        Assert.Equal(80, Marshal.SizeOf<LlamaNative.ModelParams>());
        Assert.Equal(80, Unsafe.SizeOf<LlamaNative.ModelParams>());
        Assert.Equal(16, Marshal.OffsetOf<LlamaNative.ModelParams>(nameof(LlamaNative.ModelParams.NGpuLayers)).ToInt32());
        Assert.Equal(40, Marshal.OffsetOf<LlamaNative.ModelParams>(nameof(LlamaNative.ModelParams.TensorSplit)).ToInt32());
        Assert.Equal(72, Marshal.OffsetOf<LlamaNative.ModelParams>(nameof(LlamaNative.ModelParams.VocabOnly)).ToInt32());
    }

    [Fact]
    public void context_params_is_160_bytes_with_callbacks_and_samplers_where_llama_h_puts_them()
    {
        Assert.Equal(160, Marshal.SizeOf<LlamaNative.ContextParams>());
        Assert.Equal(160, Unsafe.SizeOf<LlamaNative.ContextParams>());
        Assert.Equal(28, Marshal.OffsetOf<LlamaNative.ContextParams>(nameof(LlamaNative.ContextParams.NThreads)).ToInt32());
        Assert.Equal(88, Marshal.OffsetOf<LlamaNative.ContextParams>(nameof(LlamaNative.ContextParams.CbEval)).ToInt32());
        Assert.Equal(128, Marshal.OffsetOf<LlamaNative.ContextParams>(nameof(LlamaNative.ContextParams.Embeddings)).ToInt32());
        Assert.Equal(136, Marshal.OffsetOf<LlamaNative.ContextParams>(nameof(LlamaNative.ContextParams.Samplers)).ToInt32());
        Assert.Equal(152, Marshal.OffsetOf<LlamaNative.ContextParams>(nameof(LlamaNative.ContextParams.CtxOther)).ToInt32());
    }

    [Fact]
    public void batch_is_56_bytes()
    {
        Assert.Equal(56, Marshal.SizeOf<LlamaNative.Batch>());
        Assert.Equal(56, Unsafe.SizeOf<LlamaNative.Batch>());
    }

    [Fact]
    public void token_data_is_12_bytes_and_its_array_32()
    {
        Assert.Equal(12, Marshal.SizeOf<LlamaNative.TokenData>());
        Assert.Equal(32, Unsafe.SizeOf<LlamaNative.TokenDataArray>());
        Assert.Equal(16, Marshal.OffsetOf<LlamaNative.TokenDataArray>(nameof(LlamaNative.TokenDataArray.Selected)).ToInt32());
    }

    [Fact]
    public void chat_message_is_two_pointers_and_chain_params_one_byte()
    {
        Assert.Equal(16, Marshal.SizeOf<LlamaNative.ChatMessage>());
        Assert.Equal(1, Marshal.SizeOf<LlamaNative.SamplerChainParams>());
    }
}
