package app

import (
	"context"
	"flag"
	"fmt"
	"strconv"
	"strings"

	"qcterm/render"
)

// Doctor runs `qcterm doctor [--graphics MODE]`: what the terminal supports,
// from what evidence, and which image mode auto picks, and why.
func Doctor(ctx context.Context, env Env, args []string) error {
	fs := flag.NewFlagSet("doctor", flag.ContinueOnError)
	graphics := fs.String("graphics", "", "an override to try, as show --graphics takes it")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 0 {
		return usagef("doctor takes no arguments\n%s", flagUsage(fs))
	}
	if *graphics != "" {
		if _, err := render.ParseMode(*graphics); err != nil {
			return usagef("--graphics: %v", err)
		}
	}
	p := detect(ctx, env, *graphics, true)
	w := env.Stdout
	fmt.Fprint(w, p.Caps.Report())

	fmt.Fprintln(w, "environment")
	for _, k := range []string{"TERM", "TERM_PROGRAM", "TERM_PROGRAM_VERSION", "COLORTERM", "TMUX", "NO_COLOR", "QCTERM_GRAPHICS"} {
		v := env.Getenv(k)
		if v == "" {
			v = "(unset)"
		}
		fmt.Fprintf(w, "  %-20s %s\n", k, render.Sanitize(v))
	}
	if cols, rows := termSize(stdoutTerminal(env)); cols > 0 {
		fmt.Fprintf(w, "  %-20s %d×%d cells\n", "size", cols, rows)
	}
	fmt.Fprintln(w, "queries")
	if p.Queried {
		fmt.Fprintf(w, "  sent: kitty graphics, XTVERSION, cell size, window size, sixel colours, XTGETTCAP RGB, DA1\n")
		fmt.Fprintf(w, "  replies: %s\n", quoteReplies(p.Replies))
	}
	if p.Note != "" {
		fmt.Fprintf(w, "  %s\n", p.Note)
	}

	auto := p.Caps
	if auto.Override {
		e := p.Env
		e.Graphics = ""
		auto = render.DetectCaps(e, p.Replies)
	}
	fmt.Fprintf(w, "auto picks %s: %s\n", auto.Mode, autoReason(auto))
	if p.Caps.Override {
		fmt.Fprintf(w, "but %s is forced (--graphics or $QCTERM_GRAPHICS)\n", p.Caps.Mode)
	}
	return nil
}

// autoReason says why auto chose its mode: the rungs of the ladder
// kitty → sixel → iTerm2 → blocks → ASCII that were missing above it.
func autoReason(c render.Caps) string {
	var missing []string
	switch {
	case !c.Kitty:
		missing = append(missing, "no kitty graphics")
	case c.Tmux && !(c.TmuxPassthrough && c.KittyPlaceholders):
		missing = append(missing, "kitty graphics needs tmux passthrough and Unicode placeholders")
	}
	if c.Mode == render.ModeKitty {
		return "kitty graphics is the first rung of kitty → sixel → iTerm2 → blocks → ascii"
	}
	if c.Mode == render.ModeSixel {
		return strings.Join(append(missing, "sixel reported"), "; ")
	}
	if !c.Sixel {
		missing = append(missing, "no sixel")
	}
	if c.Mode == render.ModeITerm {
		return strings.Join(append(missing, "iTerm2 inline images reported"), "; ")
	}
	if !c.ITerm {
		missing = append(missing, "no iTerm2 images")
	} else if c.Tmux && !c.TmuxPassthrough {
		missing = append(missing, "iTerm2 images need tmux passthrough")
	}
	if c.Mode == render.ModeBlocks {
		return strings.Join(append(missing, "text colour "+c.Color.String()), "; ")
	}
	return strings.Join(append(missing, "text colour "+c.Color.String()+" (blocks need 256 colours)"), "; ")
}

// quoteReplies shows terminal replies with escapes visible.
func quoteReplies(b []byte) string {
	if len(b) == 0 {
		return "none"
	}
	q := strconv.QuoteToASCII(string(b))
	return strings.ReplaceAll(q, `\x1b`, `ESC`)
}
