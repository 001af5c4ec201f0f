package catalog

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/storeops/storeops/internal/platform/fixed"
)

// FirstDemoSKU is the SKU of the first demo product.
const FirstDemoSKU = "P10001"

// demoCategory lists the demo products of one category as "name,unit,case pack,shelf life
// days,cost" items separated by ";". margin is the lowest gross margin (percent) of the
// category; each item adds a little, so retail prices are not all alike.
type demoCategory struct {
	department, category string
	margin, spread       int
	items                string
}

var demoCatalogue = []demoCategory{
	{"produce", "叶菜", 28, 12, "上海青,kg,5,2,3.20;菠菜,kg,5,2,4.60;生菜,kg,5,3,4.20;油麦菜,kg,5,2,3.80;小白菜,kg,5,2,2.90;" +
		"大白菜,kg,10,7,1.30;西芹,kg,5,5,3.10;韭菜,kg,5,2,4.40;空心菜,kg,5,2,4.80;茼蒿,kg,5,2,5.20;" +
		"西兰花,kg,5,4,6.30;菜心,kg,5,2,5.60;芥兰,kg,5,3,5.90;娃娃菜,each,20,5,2.10;香菜,kg,2,3,9.50;苋菜,kg,5,2,4.90"},
	{"produce", "根茎", 30, 10, "土豆,kg,10,30,2.10;胡萝卜,kg,10,21,2.30;白萝卜,kg,10,14,1.40;红薯,kg,10,30,2.80;铁棍山药,kg,5,21,9.80;" +
		"莲藕,kg,10,10,6.20;洋葱,kg,10,30,1.90;生姜,kg,5,30,8.40;大蒜,kg,5,60,7.60;荔浦芋头,kg,10,21,5.30;莴笋,kg,10,7,3.30;冬笋,kg,5,7,12.80"},
	{"produce", "瓜果", 28, 12, "黄瓜,kg,10,5,3.40;西红柿,kg,10,6,4.10;长茄子,kg,10,5,3.60;青椒,kg,10,6,4.30;冬瓜,kg,15,14,1.20;" +
		"南瓜,kg,15,30,1.80;苦瓜,kg,10,5,4.70;丝瓜,kg,10,4,4.90;西葫芦,kg,10,6,2.70;豆角,kg,5,4,6.10;荷兰豆,kg,5,4,11.20;甜玉米,each,30,5,1.60"},
	{"produce", "菌菇", 30, 10, "鲜香菇,kg,3,4,11.50;金针菇 200g,each,30,5,1.40;杏鲍菇,kg,5,5,7.80;平菇,kg,5,3,6.40;白玉菇 150g,each,30,5,2.30;蟹味菇 150g,each,30,5,2.50"},
	{"produce", "水果", 25, 15, "红富士苹果,kg,10,20,7.20;香蕉,kg,13,5,4.60;赣南脐橙,kg,10,20,6.80;砀山酥梨,kg,10,15,4.90;巨峰葡萄,kg,5,5,11.60;" +
		"麒麟西瓜,kg,15,10,2.60;哈密瓜,kg,10,10,4.80;红心火龙果,kg,10,8,9.40;徐香猕猴桃,kg,5,10,10.20;台农芒果,kg,5,6,8.70;" +
		"菠萝,kg,10,7,4.30;红心柚,each,12,20,9.60;丹东草莓 500g,each,12,3,19.80;蓝莓 125g,each,12,7,11.50;智利车厘子,kg,5,5,58.00;" +
		"黄柠檬,kg,5,20,9.10;水蜜桃,kg,5,4,12.40;妃子笑荔枝,kg,5,3,18.60;龙眼,kg,5,5,13.20;沃柑,kg,10,15,7.40;" +
		"山竹,kg,5,5,21.00;牛油果,each,24,6,4.20;突尼斯软籽石榴,kg,5,15,12.60;脆柿,kg,5,7,8.20;三华李,kg,5,5,9.80"},
	{"meat", "猪肉", 25, 10, "猪五花肉,kg,10,3,26.40;猪里脊,kg,10,3,28.60;猪前腿肉,kg,10,3,22.80;猪后腿肉,kg,10,3,21.60;猪肋排,kg,10,3,39.80;" +
		"猪蹄,kg,10,3,24.20;猪筒骨,kg,10,3,12.60;猪肉馅,kg,5,2,20.40;梅花肉,kg,10,3,30.20;猪小排,kg,10,3,36.40;猪肝,kg,5,2,11.80;猪耳,kg,5,3,29.60"},
	{"meat", "牛肉", 25, 10, "牛腩,kg,10,4,62.00;牛腱子,kg,10,4,76.00;牛里脊,kg,5,4,88.00;肥牛卷 500g,each,20,5,28.50;" +
		"牛肉馅,kg,5,3,58.00;西冷牛排 200g,each,20,5,26.80;牛尾,kg,5,4,69.00;牛仔骨,kg,5,4,79.00"},
	{"meat", "羊肉", 25, 10, "羊排,kg,10,4,72.00;羊腿肉,kg,10,4,76.00;羊肉卷 400g,each,20,5,29.80;羊蝎子,kg,10,4,38.00"},
	{"meat", "禽类", 26, 12, "三黄鸡,kg,10,3,17.60;鸡胸肉,kg,10,3,13.20;鸡腿,kg,10,3,15.40;鸡翅中,kg,10,3,31.80;鸡爪,kg,10,3,24.60;" +
		"鸭腿,kg,10,3,14.80;樱桃谷鸭,kg,10,3,13.60;鸡翅根,kg,10,3,18.20;乌鸡,kg,5,3,26.40;乳鸽,each,10,3,19.80"},
	{"meat", "蛋类", 20, 8, "鲜鸡蛋,kg,15,25,9.20;土鸡蛋 10枚,each,12,25,13.80;咸鸭蛋 6枚,each,12,30,10.60"},
	{"seafood", "鱼类", 30, 10, "鲈鱼,kg,10,1,38.00;草鱼,kg,15,1,14.60;鲫鱼,kg,10,1,16.80;黑鱼,kg,10,1,28.40;舟山带鱼,kg,10,2,34.00;" +
		"大黄花鱼,kg,10,2,29.60;银鲳鱼,kg,10,2,46.00;三文鱼刺身 200g,each,12,2,36.80;银鳕鱼,kg,5,2,128.00;巴沙鱼柳,kg,10,2,19.40;鲢鱼头,kg,10,1,15.20;多宝鱼,kg,10,1,52.00"},
	{"seafood", "虾蟹贝", 30, 10, "基围虾,kg,5,1,68.00;南美白虾,kg,5,1,42.00;小龙虾,kg,10,1,36.00;阳澄湖大闸蟹,each,20,2,48.00;梭子蟹,kg,5,1,78.00;" +
		"花蛤,kg,10,1,9.80;扇贝,kg,10,1,16.40;生蚝,each,50,2,3.60;蛏子,kg,5,1,27.00;鲍鱼,each,20,2,9.40;青口贝,kg,10,1,18.60;皮皮虾,kg,5,1,58.00"},
	{"seafood", "冻品", 25, 8, "冻虾仁 500g,each,20,180,24.80;冻鱿鱼须 500g,each,20,180,19.60;冻带鱼段 1kg,each,10,270,32.00;" +
		"冻扇贝肉 400g,each,20,180,21.40;潮汕牛肉丸 500g,each,20,180,27.60;虾滑 150g,each,30,180,14.20"},
	{"deli", "卤味", 32, 10, "卤鸭脖,kg,5,1,38.00;卤鸡爪,kg,5,1,34.00;五香卤牛肉,kg,5,2,96.00;卤猪耳,kg,5,1,52.00;卤鸭翅,kg,5,1,42.00;" +
		"卤豆干,kg,5,2,16.00;卤蛋,each,30,2,1.10;酱猪蹄,kg,5,2,36.00;卤鸭掌,kg,5,1,48.00;卤大肠,kg,5,1,58.00"},
	{"deli", "烧腊", 30, 10, "北京烤鸭,each,10,1,32.00;奥尔良烤鸡,each,10,1,22.00;蜜汁叉烧,kg,5,1,56.00;深井烧鹅,kg,5,1,62.00;台湾烤肠,each,50,2,1.80;脆皮五花肉,kg,5,1,64.00"},
	{"deli", "凉菜", 35, 10, "拍黄瓜,kg,3,1,9.60;凉拌木耳,kg,3,1,18.00;凉拌海带丝,kg,3,1,10.40;夫妻肺片,kg,3,1,68.00;口水鸡,kg,3,1,42.00;" +
		"凉拌腐竹,kg,3,1,19.20;皮蛋豆腐,each,20,1,4.20;凉拌三丝,kg,3,1,12.80"},
	{"deli", "面点", 35, 10, "鲜肉大包,each,50,1,1.30;手工馒头,each,50,2,0.60;三鲜水饺 500g,each,20,1,9.80;肉粽,each,40,2,3.20;葱油花卷,each,50,2,0.70;糯米烧卖,each,50,1,1.10"},
	{"bakery", "面包", 35, 10, "全麦吐司,each,20,3,6.20;牛奶吐司,each,20,3,5.80;法棍,each,30,2,4.60;黄油可颂,each,40,2,3.40;菠萝包,each,40,2,2.20;" +
		"肉松面包,each,40,2,3.10;红豆面包,each,40,2,2.30;奶香餐包 6个,each,20,3,5.20;奶油面包,each,40,2,2.60;椰蓉面包,each,40,2,2.40;毛毛虫面包,each,30,3,3.60;火腿三明治,each,30,1,5.40"},
	{"bakery", "蛋糕", 35, 10, "重芝士蛋糕,each,12,3,12.80;提拉米苏,each,12,2,13.60;黑森林蛋糕 6寸,each,6,2,46.00;戚风蛋糕,each,20,3,6.40;葡式蛋挞,each,60,2,1.90;" +
		"抹茶瑞士卷,each,20,3,8.60;纸杯蛋糕,each,40,3,2.40;生日蛋糕 6寸,each,6,2,58.00;榴莲千层,each,12,2,22.00;蜂蜜蛋糕,each,30,5,4.80"},
	{"bakery", "西点", 32, 10, "黄油曲奇 200g,each,24,30,9.60;蛋黄酥,each,40,7,2.90;老婆饼,each,40,7,1.80;绿豆糕,each,40,7,1.50;核桃酥,each,40,15,1.60;" +
		"奶油泡芙,each,40,2,1.70;甜甜圈,each,40,2,2.80;英式司康,each,40,3,3.20"},
	{"dry", "米面", 15, 8, "东北大米 5kg,each,4,365,28.50;泰国香米 5kg,each,4,365,42.00;五常稻花香大米 5kg,each,4,365,69.00;圆糯米 1kg,each,10,365,7.80;" +
		"高筋面粉 2.5kg,each,6,270,14.60;中筋面粉 5kg,each,4,270,19.80;鸡蛋挂面 1kg,each,10,365,6.40;龙须面 500g,each,20,365,3.60;" +
		"意大利直面 500g,each,20,720,9.20;红烧牛肉面 五连包,each,6,180,10.40;柳州螺蛳粉,each,30,180,8.60;桂林米粉 500g,each,20,270,5.40;" +
		"黄小米 1kg,each,10,365,9.80;即食燕麦片 1kg,each,12,365,15.60"},
	{"dry", "粮油", 12, 6, "花生油 5L,each,4,540,98.00;大豆油 5L,each,4,540,52.00;菜籽油 5L,each,4,540,68.00;玉米油 5L,each,4,540,62.00;" +
		"特级初榨橄榄油 500ml,each,12,720,42.00;小磨芝麻油 400ml,each,12,540,18.60;食用调和油 5L,each,4,540,48.00;葵花籽油 5L,each,4,540,66.00"},
	{"dry", "调味", 18, 8, "特级生抽 500ml,each,12,720,6.80;老抽 500ml,each,12,720,7.20;蚝油 520g,each,12,540,7.60;镇江香醋 500ml,each,12,720,5.40;" +
		"山西老陈醋 500ml,each,12,720,6.20;料酒 500ml,each,12,540,4.60;精制食盐 400g,each,40,1095,1.60;白砂糖 400g,each,30,720,3.80;" +
		"黄冰糖 400g,each,30,720,6.20;鸡精 200g,each,30,540,5.60;味精 200g,each,30,720,4.20;郫县豆瓣酱 500g,each,20,540,8.40;" +
		"番茄酱 340g,each,24,540,6.60;大红袍花椒 50g,each,50,365,7.80;八角 50g,each,50,365,5.20;辣椒面 100g,each,40,365,4.60;" +
		"牛油火锅底料 400g,each,24,365,16.80;黄豆酱 300g,each,24,365,4.90;芝麻酱 250g,each,24,365,8.20;白胡椒粉 35g,each,50,540,5.80"},
	{"dry", "南北干货", 18, 8, "东北黑木耳 200g,each,20,720,18.60;干香菇 200g,each,20,720,21.40;新疆红枣 500g,each,20,365,16.80;宁夏枸杞 250g,each,20,365,19.60;" +
		"银耳 100g,each,30,720,12.40;桂圆干 500g,each,20,365,22.00;干海带 200g,each,30,720,6.80;紫菜 50g,each,40,365,5.60;" +
		"腐竹 300g,each,30,365,9.40;龙口粉丝 500g,each,30,720,7.20;红皮花生米 500g,each,20,270,8.60;绿豆 1kg,each,10,365,10.80;" +
		"红小豆 1kg,each,10,365,12.60;东北黄豆 1kg,each,10,365,8.40"},
	{"dry", "零食", 22, 6, "原味薯片 75g,each,24,270,5.20;五香瓜子 200g,each,30,180,6.40;开心果 200g,each,20,270,19.80;巴旦木 200g,each,20,270,17.60;" +
		"风干牛肉干 100g,each,30,270,21.00;苏打饼干 400g,each,20,270,7.40;威化饼干 150g,each,30,365,5.60;牛奶巧克力 100g,each,30,365,9.80;" +
		"什锦果冻 360g,each,20,365,8.20;辣条 100g,each,50,180,2.40;即食海苔 40g,each,40,270,8.60;夏威夷果 200g,each,20,270,18.40;" +
		"水果硬糖 200g,each,30,540,6.20;碳烤鱿鱼丝 100g,each,30,270,11.60;靖江猪肉脯 200g,each,20,180,19.40;香辣锅巴 100g,each,40,270,3.40"},
	{"dry", "饮料", 15, 8, "饮用天然水 550ml,each,24,540,1.20;可口可乐 330ml,each,24,365,2.10;雪碧 330ml,each,24,365,2.10;100%橙汁 1L,each,12,270,9.60;" +
		"无糖绿茶 500ml,each,15,365,3.20;冰红茶 500ml,each,15,365,2.60;苏打水 350ml,each,24,365,3.40;椰汁 1.25L,each,6,365,11.80;" +
		"原味豆奶 250ml,each,24,270,2.40;凉茶 310ml,each,24,540,2.80;酸梅汤 300ml,each,24,365,3.10;功能饮料 250ml,each,24,365,4.60"},
	{"dry", "乳品", 12, 6, "纯牛奶 250ml×12,each,6,180,42.00;高钙牛奶 250ml×12,each,6,180,38.00;常温酸奶 200g×10,each,6,150,44.00;早餐奶 250ml×12,each,6,180,36.00"},
	{"dry", "罐头", 18, 6, "午餐肉罐头 340g,each,24,1095,12.80;黄桃罐头 425g,each,24,720,7.60;豆豉鲮鱼罐头 227g,each,24,1095,10.40;" +
		"金枪鱼罐头 185g,each,24,1095,11.20;八宝粥 360g,each,24,540,3.40"},
	{"dry", "冲调", 18, 6, "速溶咖啡 15条,each,12,540,19.60;原味豆浆粉 30条,each,12,365,22.40;黑芝麻糊 600g,each,12,365,16.80;" +
		"洋槐蜂蜜 500g,each,12,720,28.60;谷物麦片 700g,each,12,365,18.20;原味奶茶 6杯,each,12,365,17.40"},
	{"dry", "酒水", 15, 8, "青岛啤酒 500ml,each,12,365,4.20;绍兴黄酒 500ml,each,12,720,8.60;红星二锅头 500ml,each,12,720,16.40"},
}

// aisles gives each department the letter of its aisles.
var aisles = map[string]byte{"produce": 'A', "meat": 'B', "seafood": 'C', "deli": 'D', "bakery": 'E', "dry": 'F'}

// DemoProducts returns the demo catalogue of DESIGN.md §6: about 300 products of the six
// demo departments, built from the table above without randomness, so every run yields the
// same SKUs, prices, barcodes and shelf locations.
func DemoProducts() []Product {
	var out []Product
	bays := map[string]int{}
	for ci, cat := range demoCatalogue {
		bays[cat.department]++
		for ii, item := range strings.Split(cat.items, ";") {
			f := strings.Split(item, ",")
			n := len(out) + 1
			casePack, _ := fixed.ParseQty(f[2])
			shelf, _ := strconv.Atoi(f[3])
			cost, _ := fixed.ParseMoney(f[4])
			margin := cat.margin + (ii*7)%(cat.spread+1)
			p := Product{SKU: fmt.Sprintf("P%d", 10000+n), Name: f[0], DepartmentCode: cat.department,
				Category: cat.category, Unit: f[1], CasePack: casePack, ShelfLifeDays: shelf, CostPrice: cost,
				RetailPrice: retailFor(cost, margin), Perishable: cat.department != "dry", Active: true,
				Location: location(cat.department, bays[cat.department], ii+1)}
			if p.Unit == UnitEach {
				b := ean13(fmt.Sprintf("69%05d%05d", 21000+ci*37, n))
				p.Barcode = &b
			}
			out = append(out, p)
		}
	}
	return out
}

// retailFor prices an item at least at the gross margin (percent of the retail price), on
// the first price at or above that which ends in 9 fen, as supermarket prices do.
func retailFor(cost fixed.Money, margin int) fixed.Money {
	cents := (int64(cost)*100 + int64(100-margin) - 1) / int64(100-margin)
	return fixed.Money((cents+10)/10*10 - 1)
}

// location is the shelf of the slot-th item of a department's bay-th category; dry goods
// spread over aisles F, G, H, … four bays each.
func location(department string, bay, slot int) string {
	aisle := aisles[department]
	if department == "dry" {
		aisle += byte((bay - 1) / 4)
		bay = (bay-1)%4 + 1
	}
	return fmt.Sprintf("%c%02d-%02d", aisle, bay, slot)
}

// ean13 appends the check digit to 12 digits.
func ean13(digits string) string {
	sum := 0
	for i, c := range digits {
		d := int(c - '0')
		if i%2 == 1 {
			d *= 3
		}
		sum += d
	}
	return digits + strconv.Itoa((10-sum%10)%10)
}
