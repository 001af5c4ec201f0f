package notify

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
)

// Text is one message worded for people: a title and lines in Chinese with the English
// beside it, and the stable message id receivers deduplicate by.
type Text struct {
	MessageID string
	Topic     string
	TitleZH   string
	TitleEN   string
	LinesZH   []string
	LinesEN   []string
}

// titles words each topic; a topic missing here is shown by its name.
var titles = map[string][2]string{
	"task.assigned":                 {"新任务已分派", "New task assigned"},
	"task.overdue":                  {"任务已逾期", "Task overdue"},
	"stocktake.submitted":           {"盘点已提交，等待审批", "Stocktake submitted, waiting for approval"},
	"stocktake.approved":            {"盘点已审批通过", "Stocktake approved"},
	"stocktake.rejected":            {"盘点被驳回，请重新盘点", "Stocktake rejected, please recount"},
	"safety.temperature_alert":      {"设备温度超出范围", "Equipment temperature out of range"},
	"risk.incident_opened":          {"高等级突发事件", "High-level incident opened"},
	"training.certificate_expiring": {"健康证即将到期", "Health certificate expiring"},
	TopicTest:                       {"StoreOps 测试消息", "StoreOps test message"},
}

// fields are the payload keys shown, in this order, with their labels.
var fields = []struct{ key, zh, en string }{
	{"title", "标题", "Title"},
	{"store_name", "门店", "Store"},
	{"department_code", "部门", "Department"},
	{"assignee", "负责人", "Assignee"},
	{"due_at", "截止", "Due"},
	{"stocktake_id", "盘点单", "Stocktake"},
	{"task_id", "任务", "Task"},
	{"by", "操作人", "By"},
	{"reason", "原因", "Reason"},
	{"channel", "渠道", "Channel"},
	{"link", "链接", "Link"},
}

// Compose words a message of topic with payload (a JSON object); storeName, when known, names
// the store. Unknown payload keys are listed after the known ones, so nothing is hidden.
func Compose(messageID, topic string, payload []byte, storeName string) Text {
	t := Text{MessageID: messageID, Topic: topic, TitleZH: topic, TitleEN: topic}
	if w, ok := titles[topic]; ok {
		t.TitleZH, t.TitleEN = w[0], w[1]
	}
	values := map[string]any{}
	_ = json.Unmarshal(payload, &values)
	if storeName != "" {
		values["store_name"] = storeName
	}
	delete(values, "store_id")
	shown := map[string]bool{}
	for _, f := range fields {
		v, ok := values[f.key]
		if !ok || v == nil || fmt.Sprint(v) == "" {
			continue
		}
		shown[f.key] = true
		t.LinesZH = append(t.LinesZH, f.zh+"："+scalar(v))
		t.LinesEN = append(t.LinesEN, f.en+": "+scalar(v))
	}
	var rest []string
	for k := range values {
		if !shown[k] && values[k] != nil {
			rest = append(rest, k)
		}
	}
	sort.Strings(rest)
	for _, k := range rest {
		t.LinesZH = append(t.LinesZH, k+"："+scalar(values[k]))
		t.LinesEN = append(t.LinesEN, k+": "+scalar(values[k]))
	}
	return t
}

func scalar(v any) string {
	switch x := v.(type) {
	case string:
		return oneLine(x)
	case float64:
		return fmt.Sprint(int64(x))
	default:
		b, _ := json.Marshal(x)
		return oneLine(string(b))
	}
}

// oneLine keeps a value from breaking the markdown around it.
func oneLine(s string) string {
	s = strings.NewReplacer("\r", " ", "\n", " ").Replace(s)
	if r := []rune(s); len(r) > 300 {
		s = string(r[:300]) + "…"
	}
	return s
}

// footer is the message id line of every format.
func (t Text) footer() (string, string) {
	return "消息编号：" + t.MessageID, "Message ID: " + t.MessageID
}

// Markdown is the WeChat Work and DingTalk form: Chinese first, English below.
func (t Text) Markdown() string {
	var b strings.Builder
	fmt.Fprintf(&b, "### %s\n", t.TitleZH)
	for _, l := range t.LinesZH {
		fmt.Fprintf(&b, "> %s\n\n", l)
	}
	fmt.Fprintf(&b, "**%s**\n\n", t.TitleEN)
	for _, l := range t.LinesEN {
		fmt.Fprintf(&b, "> %s\n\n", l)
	}
	zh, en := t.footer()
	fmt.Fprintf(&b, "<font color=\"comment\">%s · %s</font>", zh, en)
	return b.String()
}

// Plain is the e-mail body.
func (t Text) Plain() string {
	var b strings.Builder
	b.WriteString(t.TitleZH + "\n\n")
	for _, l := range t.LinesZH {
		b.WriteString(l + "\n")
	}
	b.WriteString("\n" + t.TitleEN + "\n\n")
	for _, l := range t.LinesEN {
		b.WriteString(l + "\n")
	}
	zh, en := t.footer()
	b.WriteString("\n" + zh + "\n" + en + "\n")
	return b.String()
}

// FeishuPost is Feishu's rich-text "post" content: a Chinese and an English version, which
// Feishu shows by the reader's language.
func (t Text) FeishuPost() map[string]any {
	zh, en := t.footer()
	return map[string]any{
		"zh_cn": map[string]any{"title": t.TitleZH, "content": postLines(t.LinesZH, zh)},
		"en_us": map[string]any{"title": t.TitleEN, "content": postLines(t.LinesEN, en)},
	}
}

func postLines(lines []string, footer string) [][]map[string]string {
	out := make([][]map[string]string, 0, len(lines)+1)
	for _, l := range append(append([]string{}, lines...), footer) {
		out = append(out, []map[string]string{{"tag": "text", "text": l}})
	}
	return out
}
