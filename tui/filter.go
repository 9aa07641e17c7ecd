package tui

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"

	"qcterm/data"
)

// Filter is a parsed filter expression such as
// `bmi > 30 and qt_interval_delta > 20` or `sex_at_birth = "female" or not age < 50`.
type Filter struct {
	src  string
	root node
}

// Columns lists the field names the filter reads.
func (f *Filter) Columns() []string {
	seen := map[string]bool{}
	var out []string
	var walk func(n node)
	walk = func(n node) {
		switch x := n.(type) {
		case cmpNode:
			if !seen[x.col] {
				seen[x.col] = true
				out = append(out, x.col)
			}
		case boolNode:
			walk(x.l)
			walk(x.r)
		case notNode:
			walk(x.n)
		}
	}
	if f != nil && f.root != nil {
		walk(f.root)
	}
	return out
}

// String is the expression as typed.
func (f *Filter) String() string { return f.src }

// Match evaluates the filter for one sample; get returns a column's value.
// A comparison with a missing value is false.
func (f *Filter) Match(get func(col string) data.Value) bool {
	if f == nil || f.root == nil {
		return true
	}
	return f.root.eval(get)
}

type node interface {
	eval(get func(string) data.Value) bool
}

type cmpNode struct {
	col, op string
	num     float64
	text    string
	isText  bool
}

func (c cmpNode) eval(get func(string) data.Value) bool {
	v := get(c.col)
	if v.Missing {
		return false
	}
	if c.isText || v.IsText {
		a, b := v.Text, c.text
		if !v.IsText {
			a = strconv.FormatFloat(v.Num, 'g', -1, 64)
		}
		if !c.isText {
			b = strconv.FormatFloat(c.num, 'g', -1, 64)
		}
		a, b = strings.ToLower(a), strings.ToLower(b)
		switch c.op {
		case "=", "==":
			return a == b
		case "!=":
			return a != b
		case "~":
			return strings.Contains(a, b)
		}
		return false
	}
	switch c.op {
	case "<":
		return v.Num < c.num
	case "<=":
		return v.Num <= c.num
	case ">":
		return v.Num > c.num
	case ">=":
		return v.Num >= c.num
	case "=", "==":
		return v.Num == c.num
	case "!=":
		return v.Num != c.num
	}
	return false
}

type boolNode struct {
	and  bool
	l, r node
}

func (b boolNode) eval(get func(string) data.Value) bool {
	if b.and {
		return b.l.eval(get) && b.r.eval(get)
	}
	return b.l.eval(get) || b.r.eval(get)
}

type notNode struct{ n node }

func (n notNode) eval(get func(string) data.Value) bool { return !n.n.eval(get) }

// ParseFilter parses an expression: comparisons `column op value` with op one of
// < <= > >= = == != ~ (contains, text), joined by and / or / not and parentheses.
// Values are numbers or strings (quoted, or bare words).
func ParseFilter(src string) (*Filter, error) {
	toks, err := tokenize(src)
	if err != nil {
		return nil, err
	}
	p := &parser{toks: toks}
	if len(toks) == 0 {
		return &Filter{src: src}, nil
	}
	n, err := p.or()
	if err != nil {
		return nil, err
	}
	if p.pos < len(p.toks) {
		return nil, fmt.Errorf("filter: unexpected %q", p.toks[p.pos].s)
	}
	return &Filter{src: src, root: n}, nil
}

type token struct {
	s      string
	quoted bool
}

func tokenize(src string) ([]token, error) {
	var out []token
	rs := []rune(src)
	for i := 0; i < len(rs); {
		r := rs[i]
		switch {
		case unicode.IsSpace(r):
			i++
		case r == '(' || r == ')':
			out = append(out, token{s: string(r)})
			i++
		case strings.ContainsRune("<>=!~", r):
			j := i + 1
			if j < len(rs) && rs[j] == '=' {
				j++
			}
			out = append(out, token{s: string(rs[i:j])})
			i = j
		case r == '"' || r == '\'':
			j := i + 1
			for j < len(rs) && rs[j] != r {
				j++
			}
			if j == len(rs) {
				return nil, fmt.Errorf("filter: unterminated string")
			}
			out = append(out, token{s: string(rs[i+1 : j]), quoted: true})
			i = j + 1
		default:
			j := i
			for j < len(rs) && !unicode.IsSpace(rs[j]) && !strings.ContainsRune("()<>=!~\"'", rs[j]) {
				j++
			}
			out = append(out, token{s: string(rs[i:j])})
			i = j
		}
	}
	return out, nil
}

type parser struct {
	toks []token
	pos  int
}

func (p *parser) peek() string {
	if p.pos < len(p.toks) && !p.toks[p.pos].quoted {
		return strings.ToLower(p.toks[p.pos].s)
	}
	return ""
}

func (p *parser) or() (node, error) {
	l, err := p.and()
	for err == nil && p.peek() == "or" {
		p.pos++
		var r node
		if r, err = p.and(); err == nil {
			l = boolNode{and: false, l: l, r: r}
		}
	}
	return l, err
}

func (p *parser) and() (node, error) {
	l, err := p.unary()
	for err == nil && p.peek() == "and" {
		p.pos++
		var r node
		if r, err = p.unary(); err == nil {
			l = boolNode{and: true, l: l, r: r}
		}
	}
	return l, err
}

func (p *parser) unary() (node, error) {
	switch p.peek() {
	case "not":
		p.pos++
		n, err := p.unary()
		return notNode{n}, err
	case "(":
		p.pos++
		n, err := p.or()
		if err != nil {
			return nil, err
		}
		if p.peek() != ")" {
			return nil, fmt.Errorf("filter: missing )")
		}
		p.pos++
		return n, nil
	}
	return p.cmp()
}

var ops = map[string]bool{"<": true, "<=": true, ">": true, ">=": true, "=": true, "==": true, "!=": true, "~": true}

func (p *parser) cmp() (node, error) {
	if p.pos+3 > len(p.toks) {
		return nil, fmt.Errorf("filter: expected `column op value`")
	}
	col, op, val := p.toks[p.pos], p.toks[p.pos+1], p.toks[p.pos+2]
	if col.quoted || !ops[op.s] {
		return nil, fmt.Errorf("filter: expected `column op value` near %q", col.s)
	}
	p.pos += 3
	c := cmpNode{col: col.s, op: op.s}
	if f, err := strconv.ParseFloat(val.s, 64); err == nil && !val.quoted {
		c.num = f
	} else {
		c.text, c.isText = val.s, true
		if op.s != "=" && op.s != "==" && op.s != "!=" && op.s != "~" {
			return nil, fmt.Errorf("filter: %s needs a number, got %q", op.s, val.s)
		}
	}
	return c, nil
}
