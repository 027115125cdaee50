using System.Text;

namespace Coding.Core.Model.Gguf;

/// <summary>Reads the header and metadata section of a GGUF file (tensor data is never touched).</summary>
public static class GgufReader
{
    private const uint Magic = 0x46554747; // "GGUF" little-endian

    public static IReadOnlyList<GgufKeyValue> ReadMetadata(string path)
    {
        using var stream = File.OpenRead(path);
        using var r = new BinaryReader(stream, Encoding.UTF8);
        if (r.ReadUInt32() != Magic)
            throw new InvalidDataException($"{path} is not a GGUF file");
        var version = r.ReadUInt32();
        if (version is < 2 or > 3)
            throw new InvalidDataException($"{path}: GGUF version {version} is not supported");
        _ = r.ReadUInt64(); // tensor count
        var kvCount = r.ReadUInt64();
        var result = new List<GgufKeyValue>((int)kvCount);
        for (ulong i = 0; i < kvCount; i++)
        {
            var key = ReadString(r);
            var type = (GgufType)r.ReadUInt32();
            if (type == GgufType.Array)
            {
                var elementType = (GgufType)r.ReadUInt32();
                var count = checked((int)r.ReadUInt64());
                result.Add(new GgufKeyValue(key, type, ReadArray(r, elementType, count), elementType));
            }
            else
            {
                result.Add(new GgufKeyValue(key, type, ReadScalar(r, type)));
            }
        }
        return result;
    }

    private static string ReadString(BinaryReader r)
    {
        var length = checked((int)r.ReadUInt64());
        return Encoding.UTF8.GetString(r.ReadBytes(length));
    }

    private static object ReadScalar(BinaryReader r, GgufType type) => type switch
    {
        GgufType.UInt8 => r.ReadByte(),
        GgufType.Int8 => r.ReadSByte(),
        GgufType.UInt16 => r.ReadUInt16(),
        GgufType.Int16 => r.ReadInt16(),
        GgufType.UInt32 => r.ReadUInt32(),
        GgufType.Int32 => r.ReadInt32(),
        GgufType.Float32 => r.ReadSingle(),
        GgufType.Bool => r.ReadByte() != 0,
        GgufType.String => ReadString(r),
        GgufType.UInt64 => r.ReadUInt64(),
        GgufType.Int64 => r.ReadInt64(),
        GgufType.Float64 => r.ReadDouble(),
        _ => throw new InvalidDataException($"GGUF value type {type} is not a scalar"),
    };

    private static Type ClrType(GgufType type) => type switch
    {
        GgufType.UInt8 => typeof(byte),
        GgufType.Int8 => typeof(sbyte),
        GgufType.UInt16 => typeof(ushort),
        GgufType.Int16 => typeof(short),
        GgufType.UInt32 => typeof(uint),
        GgufType.Int32 => typeof(int),
        GgufType.Float32 => typeof(float),
        GgufType.Bool => typeof(bool),
        GgufType.UInt64 => typeof(ulong),
        GgufType.Int64 => typeof(long),
        GgufType.Float64 => typeof(double),
        _ => throw new InvalidDataException($"GGUF value type {type} cannot be an array element"),
    };

    private static Array ReadArray(BinaryReader r, GgufType elementType, int count)
    {
        switch (elementType)
        {
            case GgufType.String:
                var strings = new string[count];
                for (var i = 0; i < count; i++)
                    strings[i] = ReadString(r);
                return strings;
            case GgufType.Array:
                throw new InvalidDataException("nested GGUF arrays are not supported");
            default:
                var array = Array.CreateInstance(ClrType(elementType), count);
                for (var i = 0; i < count; i++)
                    array.SetValue(ReadScalar(r, elementType), i);
                return array;
        }
    }
}
