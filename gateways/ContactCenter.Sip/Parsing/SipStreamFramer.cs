namespace ContactCenter.Sip.Parsing;

/// <summary>
/// Splits a byte stream (TCP/TLS) into SIP messages using Content-Length (RFC 3261 §18.3).
/// Skips CRLF keep-alives (RFC 5626 §3.5.1) and rejects messages larger than the limit.
/// Not thread-safe: one instance per connection, fed by its receive loop.
/// </summary>
public sealed class SipStreamFramer
{
    private byte[] _buffer;
    private int _start;
    private int _end;
    private int _scanFrom;
    private int _crlfRun;

    // Length of the message whose header section has been read, or -1 while still looking.
    private long _pendingTotal = -1;

    public SipStreamFramer(int maxMessageBytes = SipLimits.MaxMessageBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMessageBytes, 64);
        MaxMessageBytes = maxMessageBytes;
        _buffer = new byte[Math.Min(maxMessageBytes, 8192)];
    }

    public int MaxMessageBytes { get; }

    /// <summary>Bytes received but not yet returned as a message.</summary>
    public int BufferedBytes => _end - _start;

    /// <summary>True once the stream could not be framed; the connection should be closed.</summary>
    public bool IsFaulted => FaultReason is not null;

    public string? FaultReason { get; private set; }

    /// <summary>
    /// When faulted on a request whose header section was readable: the error to answer before
    /// closing (413 for oversized messages, 400 for a missing or bad Content-Length).
    /// </summary>
    public SipParseError? Rejection { get; private set; }

    /// <summary>CRLFCRLF keep-alive pings framed since the last <see cref="ResetPings"/> (RFC 5626 §3.5.1: answer with CRLF).</summary>
    public int PingsReceived { get; private set; }

    public void ResetPings() => PingsReceived = 0;

    /// <summary>Adds received bytes. Ignored once faulted.</summary>
    public void Append(ReadOnlySpan<byte> data)
    {
        if (IsFaulted || data.IsEmpty)
        {
            return;
        }

        if (_buffer.Length - _end < data.Length)
        {
            Compact();
            if (_buffer.Length - _end < data.Length)
            {
                var needed = _end + data.Length;
                var size = Math.Max(_buffer.Length * 2, needed);
                Array.Resize(ref _buffer, size);
            }
        }

        data.CopyTo(_buffer.AsSpan(_end));
        _end += data.Length;
    }

    /// <summary>Returns the next whole message, skipping keep-alives; false when none is ready or faulted.</summary>
    public bool TryReadMessage(out byte[] message)
    {
        while (true)
        {
            var kind = TryRead(out var m);
            if (kind == SipFrameKind.Message)
            {
                message = m!;
                return true;
            }

            if (kind != SipFrameKind.KeepAlive)
            {
                message = [];
                return false;
            }
        }
    }

    /// <summary>Frames the next item from the buffered bytes.</summary>
    public SipFrameKind TryRead(out byte[]? message)
    {
        message = null;
        if (IsFaulted)
        {
            return SipFrameKind.Error;
        }

        // RFC 3261 §7.5 / RFC 5626 §3.5.1: CRLFs between messages; a CRLFCRLF is a ping.
        while (_start < _end && _buffer[_start] is (byte)'\r' or (byte)'\n')
        {
            _crlfRun++;
            _start++;
            if (_crlfRun == 4)
            {
                _crlfRun = 0;
                _scanFrom = _start;
                PingsReceived++;
                return SipFrameKind.KeepAlive;
            }
        }

        if (_start == _end)
        {
            _start = _end = _scanFrom = 0;
            return SipFrameKind.NeedMoreData;
        }

        _crlfRun = 0;
        var data = _buffer.AsSpan(_start, _end - _start);
        var total = _pendingTotal;
        if (total < 0)
        {
            var headEnd = FindHeadEnd(data, Math.Max(0, _scanFrom - _start));
            if (headEnd < 0)
            {
                if (data.Length > MaxMessageBytes)
                {
                    return Fault("header section larger than " + MaxMessageBytes.ToString() + " bytes", data, 413);
                }

                _scanFrom = _start + Math.Max(0, data.Length - 3);
                return SipFrameKind.NeedMoreData;
            }

            var head = data[..headEnd];
            var contentLength = ReadContentLength(head, out var clError);
            if (clError is not null)
            {
                return Fault(clError, head, 400);
            }

            total = (long)headEnd + contentLength;
            if (total > MaxMessageBytes)
            {
                return Fault("message of " + total.ToString() + " bytes exceeds " + MaxMessageBytes.ToString(), head, 413);
            }

            _pendingTotal = total;
        }

        if (data.Length < total)
        {
            return SipFrameKind.NeedMoreData;
        }

        _pendingTotal = -1;
        message = data[..(int)total].ToArray();
        _start += (int)total;
        _scanFrom = _start;
        if (_start == _end)
        {
            _start = _end = _scanFrom = 0;
        }

        return SipFrameKind.Message;
    }

    private SipFrameKind Fault(string reason, ReadOnlySpan<byte> head, int status)
    {
        FaultReason = reason;
        _pendingTotal = -1;
        var request = SipParser.ParseAnswerableHead(head);
        if (request is not null)
        {
            Rejection = new SipParseError(status, SipStatus.ReasonFor(status), request, null, reason);
        }

        _start = _end = _scanFrom = 0;
        return SipFrameKind.Error;
    }

    private void Compact()
    {
        if (_start == 0)
        {
            return;
        }

        var length = _end - _start;
        Buffer.BlockCopy(_buffer, _start, _buffer, 0, length);
        _scanFrom = Math.Max(0, _scanFrom - _start);
        _start = 0;
        _end = length;
    }

    /// <summary>Index just past the empty line ending the header section (CRLFCRLF, or bare LFs), or -1.</summary>
    internal static int FindHeadEnd(ReadOnlySpan<byte> data, int from)
    {
        var i = from;
        while (i < data.Length)
        {
            var rel = data[i..].IndexOf((byte)'\n');
            if (rel < 0)
            {
                return -1;
            }

            var lf = i + rel;
            if (lf + 1 < data.Length && data[lf + 1] == (byte)'\n')
            {
                return lf + 2;
            }

            if (lf + 2 < data.Length && data[lf + 1] == (byte)'\r' && data[lf + 2] == (byte)'\n')
            {
                return lf + 3;
            }

            i = lf + 1;
        }

        return -1;
    }

    /// <summary>Finds Content-Length (or compact "l", RFC 3261 §7.3.3) in a header section.</summary>
    internal static long ReadContentLength(ReadOnlySpan<byte> head, out string? error)
    {
        error = null;
        long found = -1;
        var first = true;
        while (!head.IsEmpty)
        {
            var nl = head.IndexOf((byte)'\n');
            var line = nl < 0 ? head : head[..nl];
            head = nl < 0 ? [] : head[(nl + 1)..];
            if (first)
            {
                // The start line never carries a header.
                first = false;
                continue;
            }

            var colon = line.IndexOf((byte)':');
            if (colon <= 0 || line[0] is (byte)' ' or (byte)'\t')
            {
                continue;
            }

            var name = line[..colon].TrimEnd(" \t"u8);
            if (!(name.Length == 1 && (name[0] | 0x20) == 'l') &&
                !System.Text.Ascii.EqualsIgnoreCase(name, "Content-Length"u8))
            {
                continue;
            }

            var value = line[(colon + 1)..].Trim(" \t\r"u8);
            if (value.IsEmpty || value.Length > 10)
            {
                error = "malformed Content-Length";
                return 0;
            }

            long n = 0;
            foreach (var b in value)
            {
                if (b is < (byte)'0' or > (byte)'9')
                {
                    error = "malformed Content-Length";
                    return 0;
                }

                n = (n * 10) + (b - '0');
            }

            if (found >= 0 && found != n)
            {
                // RFC 4475 §3.3.9: conflicting Content-Length values cannot be framed.
                error = "conflicting Content-Length headers";
                return 0;
            }

            found = n;
        }

        if (found < 0)
        {
            // RFC 3261 §18.3: Content-Length MUST be used with stream-oriented transports.
            error = "missing Content-Length on a stream transport";
            return 0;
        }

        return found;
    }
}
