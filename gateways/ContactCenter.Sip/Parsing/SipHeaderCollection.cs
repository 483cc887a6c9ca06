using System.Collections;

namespace ContactCenter.Sip.Parsing;

/// <summary>
/// Ordered header fields of a SIP message. Names are stored canonical (compact forms expanded,
/// RFC 3261 §7.3.3) and compared case-insensitively (RFC 3261 §7.3.1).
/// </summary>
public sealed class SipHeaderCollection : IEnumerable<SipHeader>
{
    private readonly List<SipHeader> _items;

    public SipHeaderCollection()
    {
        _items = new List<SipHeader>(16);
    }

    private SipHeaderCollection(List<SipHeader> items)
    {
        _items = items;
    }

    public int Count => _items.Count;

    public SipHeader this[int index] => _items[index];

    /// <summary>Value of the first header with that name (full or compact), or null.</summary>
    public string? Get(string name)
    {
        var index = IndexOf(name);
        return index < 0 ? null : _items[index].Value;
    }

    /// <summary>Values of every header with that name, in message order.</summary>
    public IEnumerable<string> GetAll(string name)
    {
        var canonical = SipHeaderNames.Canonicalize(name);
        foreach (var header in _items)
        {
            if (string.Equals(header.Name, canonical, StringComparison.OrdinalIgnoreCase))
            {
                yield return header.Value;
            }
        }
    }

    /// <summary>Number of header entries with that name.</summary>
    public int CountOf(string name)
    {
        var canonical = SipHeaderNames.Canonicalize(name);
        var n = 0;
        foreach (var header in _items)
        {
            if (string.Equals(header.Name, canonical, StringComparison.OrdinalIgnoreCase))
            {
                n++;
            }
        }

        return n;
    }

    public void Add(string name, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        _items.Add(new SipHeader(SipHeaderNames.Canonicalize(name), value));
    }

    /// <summary>Adds a header whose name is already canonical (parser fast path).</summary>
    internal void AddCanonical(string canonicalName, string value) => _items.Add(new SipHeader(canonicalName, value));

    /// <summary>Replaces every header of that name with one entry, kept at the first one's position.</summary>
    public void Set(string name, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var canonical = SipHeaderNames.Canonicalize(name);
        var first = IndexOf(canonical);
        if (first < 0)
        {
            _items.Add(new SipHeader(canonical, value));
            return;
        }

        _items[first] = new SipHeader(canonical, value);
        for (var i = _items.Count - 1; i > first; i--)
        {
            if (string.Equals(_items[i].Name, canonical, StringComparison.OrdinalIgnoreCase))
            {
                _items.RemoveAt(i);
            }
        }
    }

    /// <summary>Replaces the value of the first header of that name (adds it when absent).</summary>
    public void SetFirst(string name, string value)
    {
        var canonical = SipHeaderNames.Canonicalize(name);
        var index = IndexOf(canonical);
        if (index < 0)
        {
            _items.Add(new SipHeader(canonical, value));
        }
        else
        {
            _items[index] = new SipHeader(canonical, value);
        }
    }

    /// <summary>Removes every header of that name.</summary>
    public void Remove(string name)
    {
        var canonical = SipHeaderNames.Canonicalize(name);
        _items.RemoveAll(h => string.Equals(h.Name, canonical, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Removes the first header of that name; true if one was removed.</summary>
    public bool RemoveFirst(string name)
    {
        var index = IndexOf(name);
        if (index < 0)
        {
            return false;
        }

        _items.RemoveAt(index);
        return true;
    }

    public void RemoveAt(int index) => _items.RemoveAt(index);

    public void Insert(int index, string name, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        _items.Insert(index, new SipHeader(SipHeaderNames.Canonicalize(name), value));
    }

    public bool Contains(string name) => IndexOf(name) >= 0;

    /// <summary>Index of the first header of that name, or -1.</summary>
    public int IndexOf(string name)
    {
        var canonical = SipHeaderNames.Canonicalize(name);
        for (var i = 0; i < _items.Count; i++)
        {
            if (string.Equals(_items[i].Name, canonical, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    public void Clear() => _items.Clear();

    /// <summary>Deep copy (headers are immutable values).</summary>
    public SipHeaderCollection Clone() => new(new List<SipHeader>(_items));

    public List<SipHeader>.Enumerator GetEnumerator() => _items.GetEnumerator();

    IEnumerator<SipHeader> IEnumerable<SipHeader>.GetEnumerator() => _items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _items.GetEnumerator();
}
