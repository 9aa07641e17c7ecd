package app

import (
	"context"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"qcterm/data"
	"qcterm/render"
	"qcterm/view"
)

// overlayAlpha is how strongly label colours cover the image.
const overlayAlpha = 0.4

// showSeries draws one frame of a series in the mode asked for or detected.
func showSeries(ctx context.Context, env Env, store *data.Store, d *data.SampleDetail, o showOptions) error {
	x, err := pickSeries(d, o.series, o.instance)
	if err != nil {
		return err
	}
	if x.FrameCount == 0 {
		return fmt.Errorf("series %s/%s has no frames: %w", render.Sanitize(x.Name), render.Sanitize(x.Instance), data.ErrNotFound)
	}
	if o.frame >= x.FrameCount {
		return usagef("--frame %d is out of range: series %s/%s has frames 0–%d",
			o.frame, render.Sanitize(x.Name), render.Sanitize(x.Instance), x.FrameCount-1)
	}
	color, err := o.colorOn(env)
	if err != nil {
		return err
	}
	tty := stdoutTerminal(env)
	mode, _ := render.ParseMode(o.graphics)
	if mode == render.ModePNG && o.out == "" && tty != nil {
		return usagef("--graphics png writes binary data: give -o FILE (stdout is a terminal)")
	}
	// Ask the terminal only when its answers matter: the mode or the cell size.
	p := detect(ctx, env, o.graphics, mode != render.ModePNG)
	mode = p.Caps.Mode
	if mode == render.ModePNG && o.out == "" && tty != nil {
		return usagef("graphics mode png (from $QCTERM_GRAPHICS) writes binary data: give -o FILE")
	}
	if o.raw && mode != render.ModePNG {
		return usagef("--raw needs --graphics png")
	}

	f, err := store.FrameData(ctx, x.ID, o.frame)
	if err != nil {
		return fmt.Errorf("sample %s: %w", render.Sanitize(string(d.ID)), err)
	}
	where := fmt.Sprintf("series %s/%s frame %d", render.Sanitize(x.Name), render.Sanitize(x.Instance), o.frame)
	img, err := view.FrameImage(x, f, !o.raw)
	if err != nil {
		return fmt.Errorf("sample %s %s: %w", render.Sanitize(string(d.ID)), where, err)
	}

	caption := []string{render.Sanitize(x.Name) + " " + render.Sanitize(x.Instance),
		fmt.Sprintf("frame %d (of 0–%d)", o.frame, x.FrameCount-1)}
	sizeText := fmt.Sprintf("%d×%d px", x.Cols, x.Rows)
	if x.SpacingRow > 0 && x.SpacingCol > 0 {
		sizeText += fmt.Sprintf(" at %g×%g mm", x.SpacingCol, x.SpacingRow)
	}

	if o.raw {
		b, note, err := rawPNG(img, x)
		if err != nil {
			return fmt.Errorf("sample %s %s: %w", render.Sanitize(string(d.ID)), where, err)
		}
		caption = append(caption, "stored values", sizeText, "png "+note)
		return finishImage(env, o, b, caption, "", true)
	}

	win, winText, err := pickWindow(o.window, x, img)
	if err != nil {
		return usagef("%v", err)
	}
	rgb, err := render.ApplyWindow(img, win)
	if err != nil {
		return fmt.Errorf("sample %s %s: %w", render.Sanitize(string(d.ID)), where, err)
	}
	legend := ""
	if o.overlay {
		rgb, legend, err = overlayMasks(ctx, store, x, o.frame, rgb, color, p.Caps.Color)
		if err != nil {
			return fmt.Errorf("sample %s %s: %w", render.Sanitize(string(d.ID)), where, err)
		}
	}
	cols, rows := cellBox(env, o, 3)
	opts := render.ImageOptions{Mode: mode, Cols: cols, Rows: rows, Cell: p.Caps.Cell, Color: p.Caps.Color,
		SixelColors: p.Caps.SixelColors}
	if p.Caps.Tmux && p.Caps.TmuxPassthrough && mode != render.ModeSixel {
		// Inside tmux the image must live in cells to survive: kitty placeholders.
		opts.Tmux = true
		opts.KittyPlaceholders = p.Caps.KittyPlaceholders
		opts.KittyID = kittyID()
	}
	r, err := render.RenderImage(rgb, opts)
	if err != nil {
		return fmt.Errorf("sample %s %s: %w", render.Sanitize(string(d.ID)), where, err)
	}
	caption = append(caption, "window "+winText, sizeText)
	if mode == render.ModePNG {
		caption = append(caption, fmt.Sprintf("png %d×%d", r.W, r.H))
	} else {
		caption = append(caption, fmt.Sprintf("%s %d×%d → %d×%d cells", mode, r.W, r.H, r.Cols, r.Rows))
	}
	return finishImage(env, o, r.Data, caption, legend, mode == render.ModePNG)
}

// finishImage writes the image, then the caption (and legend) below it;
// a binary image on stdout sends the caption to stderr so stdout stays a
// clean file.
func finishImage(env Env, o showOptions, img []byte, caption []string, legend string, binary bool) error {
	if !binary && len(img) > 0 && img[len(img)-1] != '\n' {
		img = append(img, '\n')
	}
	text := strings.Join(caption, " · ") + "\n"
	if legend != "" {
		text += legend + "\n"
	}
	var info io.Writer = env.Stdout
	if binary && o.out == "" {
		info = env.Stderr
	}
	if o.out != "" {
		if err := writeOutput(env, o, img); err != nil {
			return err
		}
		text = fmt.Sprintf("wrote %s (%d bytes): %s", o.out, len(img), text)
		_, err := io.WriteString(info, text)
		return err
	}
	if _, err := env.Stdout.Write(img); err != nil {
		return fmt.Errorf("write stdout: %w", err)
	}
	_, err := io.WriteString(info, text)
	return err
}

// pickSeries finds the series called name at --instance, else its first instance.
func pickSeries(d *data.SampleDetail, name, instance string) (data.Series, error) {
	var names, instances []string
	seen := map[string]bool{}
	for _, x := range d.Series {
		if x.Name == name {
			if matchInstance(x.Instance, instance) {
				return x, nil
			}
			instances = append(instances, render.Sanitize(x.Instance))
		}
		if !seen[x.Name] {
			seen[x.Name] = true
			names = append(names, render.Sanitize(x.Name))
		}
	}
	id := render.Sanitize(string(d.ID))
	switch {
	case len(instances) > 0:
		return data.Series{}, usagef("sample %s series %s has no instance %q; it has %s",
			id, render.Sanitize(name), render.Sanitize(instance), strings.Join(instances, ", "))
	case len(names) == 0:
		return data.Series{}, fmt.Errorf("sample %s has no image series: %w", id, data.ErrNotFound)
	}
	return data.Series{}, usagef("sample %s has no series %q; it has %s", id, render.Sanitize(name), strings.Join(names, ", "))
}

// pickWindow resolves --window: given, else the series' stored window, else auto.
func pickWindow(spec string, x data.Series, img render.Image) (render.Window, string, error) {
	if img.RGB != nil {
		return render.Window{}, "n/a (colour)", nil
	}
	text := func(w render.Window, how string) string {
		return strconv.FormatFloat(w.Center, 'g', 5, 64) + "/" + strconv.FormatFloat(w.Width, 'g', 5, 64) + " (" + how + ")"
	}
	if spec == "" && x.WindowWidth > 0 {
		w := render.Window{Center: x.WindowCenter, Width: x.WindowWidth}
		return w, text(w, "stored"), nil
	}
	w, err := render.ParseWindow(spec, img)
	if err != nil {
		return render.Window{}, "", err
	}
	how := strings.ToLower(strings.TrimSpace(spec))
	switch {
	case how == "" || how == "auto":
		how = "auto 1–99 %"
	case strings.Contains(how, ","):
		how = "given"
	}
	return w, text(w, how), nil
}

// overlayMasks blends the frame's label maps over rgb and returns the legend.
func overlayMasks(ctx context.Context, store *data.Store, x data.Series, frame int, rgb render.RGBImage, color bool, depth render.ColorDepth) (render.RGBImage, string, error) {
	masks, err := store.MaskData(ctx, x.ID, frame)
	if err != nil {
		return rgb, "", err
	}
	if len(masks) == 0 {
		var on []string
		for _, m := range x.Masks {
			on = append(on, strconv.Itoa(m.Frame))
		}
		if len(on) == 0 {
			return rgb, "overlay: no label maps in this series", nil
		}
		return rgb, "overlay: no label map on frame " + strconv.Itoa(frame) + " (label maps on frames " + strings.Join(on, ", ") + ")", nil
	}
	if !color {
		depth = render.NoColor
	} else if depth < render.Color256 {
		depth = render.Color256
	}
	var lines []string
	for _, m := range masks {
		lm := render.LabelMap{W: m.Cols, H: m.Rows, Labels: m.Labels}
		if rgb, err = render.Overlay(rgb, lm, overlayAlpha); err != nil {
			return rgb, "", fmt.Errorf("label map %s: %w", render.Sanitize(m.Name), err)
		}
		lines = append(lines, "labels ("+render.Sanitize(m.Name)+"): "+render.Legend(lm, nil, depth))
	}
	return rgb, strings.Join(lines, "\n"), nil
}

// rawPNG writes a frame's stored values (img, not rescaled) unwindowed:
// 16-bit grey or, for colour frames, 8-bit RGB. It returns how to read the
// PNG back.
func rawPNG(img render.Image, x data.Series) ([]byte, string, error) {
	if img.RGB != nil {
		b, err := render.PNG(render.RGBImage{W: img.W, H: img.H, Pix: img.RGB})
		return b, "8-bit RGB", err
	}
	slope := x.RescaleSlope
	if slope == 0 {
		slope = 1
	}
	b, offset, scale, err := render.PNG16(img)
	if err != nil {
		return nil, "", err
	}
	note := "16-bit grey"
	if offset != 0 || scale != 1 {
		note += fmt.Sprintf(", stored = png × %g + %g", scale, offset)
	}
	if slope != 1 || x.RescaleInter != 0 {
		note += fmt.Sprintf(", value = stored × %g + %g", slope, x.RescaleInter)
	}
	return b, note, nil
}

// kittyID picks an image id for kitty placeholders that is unlikely to
// clash with an image already on screen.
func kittyID() uint32 {
	return uint32(os.Getpid()%0xFFFFFE) + 1
}
