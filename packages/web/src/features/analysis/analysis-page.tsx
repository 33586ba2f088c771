import { Card, Tabs } from 'antd';
import { useSearchParams } from 'react-router';
import { useT } from '../../app/i18n/i18n.tsx';
import { PageHeader } from '../../app/page-states.tsx';
import { MarketTab } from './market-tab.tsx';
import { ProductsTab } from './products-tab.tsx';

/** 产品与市场分析: best sellers and slow movers (畅销 / 滞销), market share and coverage (市场占有率 / 覆盖率). */
export default function AnalysisPage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'market' ? 'market' : 'products';
  return (
    <>
      <PageHeader title={t('analysis.title')} subTitle={t('analysis.subtitle')} />
      <Card size="small">
        <Tabs
          activeKey={tab}
          // Each tab keeps its own filters in the URL; switching tabs starts the other from its defaults.
          onChange={(k) => setParams(k === 'products' ? {} : { tab: k })}
          destroyOnHidden
          items={[
            { key: 'products', label: t('analysis.productsTab'), children: <ProductsTab /> },
            { key: 'market', label: t('analysis.marketTab'), children: <MarketTab /> },
          ]}
        />
      </Card>
    </>
  );
}
