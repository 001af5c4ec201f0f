package notify

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/storeops/storeops/internal/platform/apperr"
)

type timeT = time.Time

func TestSignaturesFollowThePlatformsSchemes(t *testing.T) {
	// Vectors computed with the platforms' own Python samples (hmac, hashlib, base64).
	// DingTalk: base64(HMAC-SHA256(secret, ts+"\n"+secret)); Feishu: base64(HMAC-SHA256(ts+"\n"+secret, "")).
	if got := DingTalkSign("1700000000000", "SECabc"); got != "jcUpW0QmtKduN03n4JqQ0PBosVjqnM8gU7fIIvsDmCM=" {
		t.Errorf("DingTalk sign %s", got)
	}
	if got := FeishuSign("1700000000", "abc"); got != "VIS10b0EBvzzSdFnuk4tznEmK5wHaruvf/WnViv2yR4=" {
		t.Errorf("Feishu sign %s", got)
	}
}

func TestValidateNamesEveryBadField(t *testing.T) {
	err := Channel{Kind: "sms", Topics: []string{"nope"}}.Validate()
	var fe apperr.FieldErrors
	if !errors.As(err, &fe) || fe["name"] == "" || fe["kind"] == "" || fe["topics"] == "" {
		t.Fatalf("%v", err)
	}
	err = Channel{Name: "mail", Kind: KindEmail, Topics: []string{"task.assigned"}, Recipients: []string{"a@b.cn", "Bob <x@y.cn>"}}.Validate()
	if !errors.As(err, &fe) || fe["recipients"] == "" {
		t.Fatalf("display names are refused: %v", err)
	}
	ok := Channel{Name: "群", Kind: KindDingTalk, Topics: []string{"task.assigned"}, URL: "https://oapi.dingtalk.com/robot/send?access_token=x"}
	if err := ok.Validate(); err != nil {
		t.Fatal(err)
	}
}

func TestSubscribesByTopicAndStore(t *testing.T) {
	one, two := int64(1), int64(2)
	store := Channel{Enabled: true, StoreID: &one, Topics: []string{"task.assigned"}}
	chain := Channel{Enabled: true, Topics: []string{"task.assigned"}}
	switch {
	case !store.Subscribes("task.assigned", &one), store.Subscribes("task.assigned", &two), store.Subscribes("task.overdue", &one),
		store.Subscribes("task.assigned", nil), !chain.Subscribes("task.assigned", &two), !chain.Subscribes("task.assigned", nil):
		t.Fatal("routing")
	}
	store.Enabled = false
	if store.Subscribes("task.assigned", &one) {
		t.Fatal("a disabled channel takes nothing")
	}
}

func TestMaskURLHidesTokens(t *testing.T) {
	cases := map[string]string{
		"https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7xxx":   "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=•••",
		"https://open.feishu.cn/open-apis/bot/v2/hook/2b1e7c0e-abcd-4f00-9a11": "https://open.feishu.cn/open-apis/bot/v2/hook/2b1e•••",
	}
	for in, want := range cases {
		if got := MaskURL(in); got != want {
			t.Errorf("MaskURL(%s) = %s, want %s", in, got, want)
		}
	}
}

func TestComposeWordsTopicsInBothLanguages(t *testing.T) {
	tx := Compose("m-1", "stocktake.submitted", []byte(`{"stocktake_id":7,"store_id":1,"department_code":"meat","by":"super1","link":"/stocktakes?id=7"}`), "浦东店")
	md := tx.Markdown()
	for _, want := range []string{"盘点已提交", "Stocktake submitted", "门店：浦东店", "Store: 浦东店", "盘点单：7", "m-1", "/stocktakes?id=7"} {
		if !strings.Contains(md, want) {
			t.Errorf("markdown lacks %q:\n%s", want, md)
		}
	}
	post := tx.FeishuPost()
	if post["zh_cn"] == nil || post["en_us"] == nil {
		t.Fatal("feishu post needs both languages")
	}
}
