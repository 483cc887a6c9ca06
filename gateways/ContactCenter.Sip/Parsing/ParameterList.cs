using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace ContactCenter.Sip.Parsing;

/// <summary>
/// Small ordered dictionary with case-insensitive names for URI and header parameters
/// (RFC 3261 §19.1.4, §7.3.1: parameter names compare case-insensitively). Messages carry a
/// handful of parameters, so a linear scan over one array beats hashing and allocates far less.
/// </summary>
internal sealed class ParameterList<TValue> : IDictionary<string, TValue>, IReadOnlyDictionary<string, TValue>
{
    private KeyValuePair<string, TValue>[] _items;
    private int _count;

    public ParameterList(int capacity = 0, bool readOnly = false)
    {
        _items = capacity == 0 ? [] : new KeyValuePair<string, TValue>[capacity];
        IsReadOnly = readOnly;
    }

    public static ParameterList<TValue> Empty { get; } = new(0, readOnly: true);

    public int Count => _count;

    public bool IsReadOnly { get; private set; }

    /// <summary>Freezes the list; used for the immutable <see cref="SipUri"/>.</summary>
    public ParameterList<TValue> AsReadOnly()
    {
        IsReadOnly = true;
        return this;
    }

    public TValue this[string key]
    {
        get => IndexOf(key) is var i and >= 0 ? _items[i].Value : throw new KeyNotFoundException(key);
        set
        {
            ThrowIfReadOnly();
            var i = IndexOf(key);
            if (i >= 0)
            {
                _items[i] = new(_items[i].Key, value);
            }
            else
            {
                Append(key, value);
            }
        }
    }

    public ICollection<string> Keys => _items.Take(_count).Select(p => p.Key).ToList();

    public ICollection<TValue> Values => _items.Take(_count).Select(p => p.Value).ToList();

    IEnumerable<string> IReadOnlyDictionary<string, TValue>.Keys => Keys;

    IEnumerable<TValue> IReadOnlyDictionary<string, TValue>.Values => Values;

    public int IndexOf(string key)
    {
        for (var i = 0; i < _count; i++)
        {
            if (string.Equals(_items[i].Key, key, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    public void Add(string key, TValue value)
    {
        ThrowIfReadOnly();
        if (IndexOf(key) >= 0)
        {
            throw new ArgumentException("Duplicate parameter " + key, nameof(key));
        }

        Append(key, value);
    }

    /// <summary>Adds unless present; true when added.</summary>
    public bool TryAdd(string key, TValue value)
    {
        ThrowIfReadOnly();
        if (IndexOf(key) >= 0)
        {
            return false;
        }

        Append(key, value);
        return true;
    }

    private void Append(string key, TValue value)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (_count == _items.Length)
        {
            Array.Resize(ref _items, _items.Length == 0 ? 4 : _items.Length * 2);
        }

        _items[_count++] = new(key, value);
    }

    public bool ContainsKey(string key) => IndexOf(key) >= 0;

    public bool Remove(string key)
    {
        ThrowIfReadOnly();
        var i = IndexOf(key);
        if (i < 0)
        {
            return false;
        }

        Array.Copy(_items, i + 1, _items, i, _count - i - 1);
        _items[--_count] = default;
        return true;
    }

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out TValue value)
    {
        var i = IndexOf(key);
        if (i < 0)
        {
            value = default;
            return false;
        }

        value = _items[i].Value;
        return true;
    }

    public void Add(KeyValuePair<string, TValue> item) => Add(item.Key, item.Value);

    public void Clear()
    {
        ThrowIfReadOnly();
        Array.Clear(_items, 0, _count);
        _count = 0;
    }

    public bool Contains(KeyValuePair<string, TValue> item) =>
        TryGetValue(item.Key, out var v) && EqualityComparer<TValue>.Default.Equals(v, item.Value);

    public void CopyTo(KeyValuePair<string, TValue>[] array, int arrayIndex) => Array.Copy(_items, 0, array, arrayIndex, _count);

    public bool Remove(KeyValuePair<string, TValue> item) => Contains(item) && Remove(item.Key);

    public IEnumerator<KeyValuePair<string, TValue>> GetEnumerator()
    {
        for (var i = 0; i < _count; i++)
        {
            yield return _items[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private void ThrowIfReadOnly()
    {
        if (IsReadOnly)
        {
            throw new NotSupportedException("The parameters of a SipUri are immutable; use WithParameter.");
        }
    }
}
