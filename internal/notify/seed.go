package notify

import (
	"context"
)

// ExampleURL is the demo channel's placeholder webhook: WeChat Work's real endpoint with a
// key that is not one, so an admin sees the shape to paste over.
const ExampleURL = "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=REPLACE-WITH-YOUR-ROBOT-KEY"

// SeedExample adds one disabled, chain-wide WeChat Work channel to a chain that has none, so
// the demo shows what a channel looks like; being disabled it calls nobody. It answers
// whether it added it.
func (s *Service) SeedExample(ctx context.Context) (bool, error) {
	var n int64
	if err := s.db.WithContext(ctx).Model(&channelRow{}).Count(&n).Error; err != nil || n > 0 {
		return false, err
	}
	now := s.now()
	row := toChannelRow(Channel{Name: "示例：总部企业微信群 Example: HQ WeCom group", Kind: KindWeCom, Topics: Topics,
		URL: ExampleURL, Enabled: false, Version: 1, CreatedAt: now, UpdatedAt: now})
	return true, s.db.WithContext(ctx).Create(&row).Error
}
