using System.Buffers;

namespace CourseBot.Bot.WebSockets;

/// <summary>
/// A growable byte buffer whose arrays are rented from <see cref="ArrayPool{T}.Shared"/>: messages of any
/// size are read without a fresh array per message, and a connection's buffer is reused by the next.
/// </summary>
internal sealed class PooledBuffer(int initialSize) : IBufferWriter<byte>
{
    private byte[] _array = ArrayPool<byte>.Shared.Rent(initialSize);
    private int _written;

    public ReadOnlyMemory<byte> WrittenMemory => _array.AsMemory(0, _written);

    public void Clear() => _written = 0;

    public void Advance(int count) => _written += count;

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Grow(sizeHint);
        return _array.AsMemory(_written);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Grow(sizeHint);
        return _array.AsSpan(_written);
    }

    /// <summary>Gives the array back to the pool; the buffer must not be used afterwards.</summary>
    public void Release()
    {
        var array = Interlocked.Exchange(ref _array, []);
        if (array.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(array);
        }
    }

    private void Grow(int sizeHint)
    {
        var free = _array.Length - _written;
        if (free > 0 && free >= sizeHint)
        {
            return;
        }

        var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(_array.Length * 2, _written + Math.Max(sizeHint, 1)));
        _array.AsSpan(0, _written).CopyTo(bigger);
        ArrayPool<byte>.Shared.Return(_array);
        _array = bigger;
    }
}
